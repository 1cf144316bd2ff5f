package io.posbridge.tokenx;

import static io.posbridge.tokenx.TokenxHeaders.BRANCH_ID;
import static io.posbridge.tokenx.TokenxHeaders.MERCHANT_ID;
import static io.posbridge.tokenx.TokenxHeaders.REQUEST;
import static io.posbridge.tokenx.TokenxHeaders.TERMINAL_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.springframework.stereotype.Component;

/**
 * Writes the exchange's {@link TokenxRequest} as the HTTP message the http endpoint sends: full URL (the service's
 * base URL and the path), method, the one context header, JSON body. Whatever else the caller left on the message
 * stays on it but does not cross the wire ({@link TokenxHeaderFilter}).
 */
@Component("tokenxHttpMessage")
public class TokenxHttpMessage {

    private final TokenxProperties properties;
    private final ObjectMapper json;

    public TokenxHttpMessage(TokenxProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    public void prepare(Exchange exchange) throws JsonProcessingException {
        TokenxRequest request = exchange.getProperty(REQUEST, TokenxRequest.class);
        Message message = exchange.getMessage();
        TokenxHeaders.removeCamelHttpHeaders(message);
        message.removeHeader(TERMINAL_ID);
        message.removeHeader(BRANCH_ID);
        message.removeHeader(MERCHANT_ID);
        message.setHeader(Exchange.HTTP_URI, baseUrl(request.service()) + request.path());
        // As the http component reads it: a String would go through Camel's fallback enum converter on every call,
        // which looks for a converter afresh each time (a tenth of an order's CPU in a profile).
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method()));
        if (request.contextHeader() != null) {
            message.setHeader(request.contextHeader(), request.contextValue());
        }
        message.setHeader("Accept", "application/json");
        if (request.body() == null) {
            message.removeHeader(Exchange.CONTENT_TYPE);
            message.setBody(null);
        } else {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(json.writeValueAsString(request.body()));
        }
    }

    private String baseUrl(TokenxRequest.Service service) {
        String base = switch (service) {
            case AUTH -> properties.authUrl();
            case BASKET -> properties.basketUrl();
            case CLIENT_SETTINGS -> properties.clientSettingsUrl();
        };
        if (base == null || base.isBlank()) {
            throw TokenxException.refused("NOT-CONFIGURED", "no base URL is set for the TokenX " + service + " service");
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
