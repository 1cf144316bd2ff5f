package io.posbridge.orders;

import io.posbridge.ops.CidrMatcher;
import io.posbridge.ops.Secrets;
import io.posbridge.tokenx.TokenxProperties;
import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.stereotype.Component;

/** Who may post TokenX webhooks: a caller from an allowed address with the Authorization we registered. */
@Component("tokenxWebhookCallers")
public class TokenxWebhookCallers {

    private final Secrets.Expected callbackAuth;
    private final CidrMatcher callers;

    public TokenxWebhookCallers(TokenxProperties tokenx, WebhooksProperties settings) {
        this.callbackAuth = Secrets.expected(tokenx.callbackAuth());
        this.callers = new CidrMatcher(settings.allowedCidrs());
    }

    /** Refuses, with 401 and nothing stored, a webhook without our Authorization or from outside the allowed ranges. */
    public boolean authorised(Exchange exchange) {
        String caller = exchange.getIn() instanceof HttpMessage http ? http.getRequest().getRemoteAddr() : null;
        return caller != null && callers.allows(caller)
                && callbackAuth.matches(exchange.getIn().getHeader("Authorization", String.class));
    }
}
