package io.posbridge.tokenx;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Lets only TokenX's own headers cross the wire. Callers reach the client with headers of their own (order ids,
 * broker headers); none of them is TokenX's business, and none of TokenX's response headers is ours.
 */
@Component("tokenxHeaderFilter")
public class TokenxHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> SENT = Set.of("authorization", "content-type", "accept",
            TokenxHeaders.TERMINAL_ID, TokenxHeaders.BRANCH_ID, TokenxHeaders.MERCHANT_ID);

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !SENT.contains(headerName.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return true;
    }
}
