package io.posbridge.tokenx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Reads what TokenX answered: a success leaves TokenX's {@code result} as the body; anything else becomes a
 * {@link TokenxException} whose kind comes from {@link TokenxStatusCodes}. (When no answer came: {@link TokenxNoAnswer}.)
 */
@Component("tokenxResponses")
public class TokenxResponses {

    private final ObjectMapper json;

    public TokenxResponses(ObjectMapper json) {
        this.json = json;
    }

    public void read(Exchange exchange) {
        Message message = exchange.getMessage();
        int httpStatus = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        JsonNode answer = parse(message.getBody(String.class));
        Integer status = status(answer);
        String description = answer.path("description").asText("");
        // The credentials and the request's routing headers stay behind on this copy of the exchange, never on the caller's.
        message.removeHeader("Authorization");
        TokenxHeaders.removeCamelHttpHeaders(message);
        boolean success = httpStatus >= 200 && httpStatus < 300
                && (status == null || status == 0 || (status >= 200 && status < 300));
        if (!success) {
            if (description.isBlank()) {
                description = "TokenX answered HTTP " + httpStatus;
            }
            throw TokenxException.of(TokenxStatusCodes.codeOf(status, httpStatus),
                    TokenxStatusCodes.kindOf(status, httpStatus), description, httpStatus);
        }
        message.setHeader(TokenxHeaders.STATUS, status == null ? 0 : status);
        message.setHeader(TokenxHeaders.DESCRIPTION, description);
        JsonNode result = answer.get("result");
        message.setBody(result == null || result.isNull() ? null : result);
    }

    /** The auth service's answer as the token it issued. */
    public TokenxAccessTokens.IssuedToken issuedToken(JsonNode result) {
        String token = result == null ? "" : result.path("accessToken").asText("");
        long expiresIn = result == null ? 0 : result.path("expiresIn").asLong(0);
        if (token.isBlank() || expiresIn <= 0) {
            throw new TokenxRetryException("AUTH-ANSWER", "TokenX's auth answer has no accessToken or expiresIn", 0,
                    null);
        }
        return new TokenxAccessTokens.IssuedToken(token, expiresIn);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            return node == null || !node.isObject() ? json.createObjectNode() : node;
        } catch (IOException e) {
            // A proxy's HTML error page, say: the HTTP status alone decides.
            return json.createObjectNode();
        }
    }

    /** TokenX's status, a number in JSON; some answers spell it as text ("0006"). */
    private static Integer status(JsonNode answer) {
        JsonNode status = answer.get("status");
        if (status == null || status.isNull()) {
            return null;
        }
        if (status.isNumber()) {
            return status.asInt();
        }
        try {
            return Integer.valueOf(status.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
