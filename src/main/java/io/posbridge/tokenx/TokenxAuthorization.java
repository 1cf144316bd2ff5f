package io.posbridge.tokenx;

import static io.posbridge.tokenx.TokenxHeaders.REQUEST;
import static io.posbridge.tokenx.TokenxHeaders.TOKEN_GENERATION;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Puts credentials on a request about to be sent: HTTP Basic with the client id and secret for the auth service,
 * the cached access token for every other call. The header only ever lives on the circuit breaker's copy of the
 * exchange, and {@link TokenxResponses} removes it after the answer, so it never reaches a caller or a log.
 */
@Component("tokenxAuthorization")
public class TokenxAuthorization {

    private final TokenxAccessTokens tokens;
    private final TokenxProperties properties;

    public TokenxAuthorization(TokenxAccessTokens tokens, TokenxProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    public void authorize(Exchange exchange) {
        TokenxRequest request = exchange.getProperty(REQUEST, TokenxRequest.class);
        if (request.service() == TokenxRequest.Service.AUTH) {
            String pair = properties.clientId() + ":" + properties.clientSecret();
            exchange.getMessage().setHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            return;
        }
        TokenxAccessTokens.AccessToken token = tokens.current();
        exchange.setProperty(TOKEN_GENERATION, token.generation());
        exchange.getMessage().setHeader("Authorization", "Bearer " + token.value());
    }

    /** TokenX refused the token this attempt sent: forget it, so the next {@link #authorize} fetches a new one. */
    public void discardRejectedToken(Exchange exchange) {
        Long generation = exchange.getProperty(TOKEN_GENERATION, Long.class);
        if (generation != null) {
            tokens.discard(generation);
        }
    }
}
