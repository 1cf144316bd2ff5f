package io.posbridge.tokenx;

import static io.posbridge.tokenx.TokenxHeaders.BASKET_ID;
import static io.posbridge.tokenx.TokenxHeaders.BRANCH_ID;
import static io.posbridge.tokenx.TokenxHeaders.MERCHANT_ID;
import static io.posbridge.tokenx.TokenxHeaders.REQUEST;
import static io.posbridge.tokenx.TokenxHeaders.TERMINAL_ID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.ops.tracing.Traces;
import io.posbridge.tokenx.TokenxRequest.Service;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Turns what a caller of a {@code direct:tokenx-*} endpoint gave (headers and body) into the {@link TokenxRequest}
 * for that operation, refusing locally what TokenX would refuse anyway: a missing or second context header, an
 * instant basket for a branch, a basket without id or items.
 */
@Component("tokenxRequests")
public class TokenxRequests {

    private final ObjectMapper json;
    private final TokenxProperties properties;

    public TokenxRequests(ObjectMapper json, TokenxProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    public void createBasket(Exchange exchange) {
        TokenxBasket basket = basket(exchange);
        String[] context = oneOf(exchange.getMessage(), "a basket goes to a terminal or to a branch", TERMINAL_ID,
                BRANCH_ID);
        set(exchange, TokenxRequest.of(Service.BASKET, "POST", "/v1/basket").withContext(context[0], context[1])
                .withBody(basket));
    }

    public void instantBasket(Exchange exchange) {
        TokenxBasket basket = basket(exchange);
        if (present(exchange.getMessage(), BRANCH_ID)) {
            throw TokenxException.refused("INSTANT-BRANCH", "an instant basket goes to one terminal (terminal-id), "
                    + "never to a branch");
        }
        String[] context = oneOf(exchange.getMessage(), "an instant basket goes to one terminal", TERMINAL_ID);
        set(exchange, TokenxRequest.of(Service.BASKET, "POST", "/v1/instant-basket").withContext(context[0], context[1])
                .withBody(basket));
    }

    public void updateBasket(Exchange exchange) {
        TokenxBasket basket = basket(exchange);
        String[] context = oneOf(exchange.getMessage(), "an update names the branch or terminal", BRANCH_ID,
                TERMINAL_ID);
        set(exchange, TokenxRequest.of(Service.BASKET, "PUT", "/v1/basket/" + segment(basket.basketId()))
                .withContext(context[0], context[1]).withBody(basket));
    }

    public void unlockBasket(Exchange exchange) {
        String basketId = basketId(exchange);
        String[] context = oneOf(exchange.getMessage(), "an unlock names the branch or terminal", BRANCH_ID,
                TERMINAL_ID);
        set(exchange, TokenxRequest.of(Service.BASKET, "POST", "/v1/basket/unlock").withContext(context[0], context[1])
                .withBody(Map.of("basketID", basketId)));
    }

    public void basketDetails(Exchange exchange) {
        set(exchange, TokenxRequest.of(Service.BASKET, "GET", "/v1/basket/" + segment(basketId(exchange))));
    }

    /** After TokenX said a basket being created already exists: the GET that confirms it is ours. */
    public void detailsOfBasketBeingCreated(Exchange exchange) {
        TokenxRequest create = exchange.getProperty(REQUEST, TokenxRequest.class);
        String basketId = ((TokenxBasket) create.body()).basketId();
        set(exchange, TokenxRequest.of(Service.BASKET, "GET", "/v1/basket/" + segment(basketId)));
    }

    public void deleteBasket(Exchange exchange) {
        set(exchange, TokenxRequest.of(Service.BASKET, "DELETE", "/v1/basket/" + segment(basketId(exchange))));
    }

    public void openBasket(Exchange exchange) {
        String[] context = oneOf(exchange.getMessage(), "the open basket is asked of one terminal", TERMINAL_ID);
        set(exchange, TokenxRequest.of(Service.BASKET, "GET", "/v1/basket/open-basket").withContext(context[0],
                context[1]));
    }

    public void terminals(Exchange exchange) {
        String[] context = oneOf(exchange.getMessage(), "terminals are listed by merchant, branch or terminal",
                MERCHANT_ID, BRANCH_ID, TERMINAL_ID);
        set(exchange, TokenxRequest.of(Service.BASKET, "GET", "/v1/terminal").withContext(context[0], context[1]));
    }

    public void terminal(Exchange exchange) {
        String[] context = oneOf(exchange.getMessage(), "a terminal is asked for by its id", TERMINAL_ID);
        set(exchange, TokenxRequest.of(Service.BASKET, "GET", "/v1/terminal/" + segment(context[1])).withContext(context[0],
                context[1]));
    }

    public void fiscalParameters(Exchange exchange) {
        String[] context = oneOf(exchange.getMessage(), "fiscal parameters belong to one terminal", TERMINAL_ID);
        set(exchange, TokenxRequest.of(Service.BASKET, "GET", "/v1/fiscal-parameters").withContext(context[0],
                context[1]));
    }

    public void readClientSettings(Exchange exchange) {
        set(exchange, TokenxRequest.of(Service.CLIENT_SETTINGS, "GET", "/v1/client-settings"));
    }

    public void writeClientSettings(Exchange exchange) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("callbackUrl", properties.callbackUrl());
        settings.put("callbackAuthHeader", properties.callbackAuth());
        set(exchange, TokenxRequest.of(Service.CLIENT_SETTINGS, "POST", "/v1/client-settings").withBody(settings));
    }

    public void issueToken(Exchange exchange) {
        set(exchange, TokenxRequest.of(Service.AUTH, "POST", "/v1/auth/token"));
    }

    private static void set(Exchange exchange, TokenxRequest request) {
        exchange.setProperty(REQUEST, request);
    }

    private TokenxBasket basket(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        TokenxBasket basket;
        try {
            basket = body instanceof String text ? json.readValue(text, TokenxBasket.class)
                    : json.convertValue(body, TokenxBasket.class);
        } catch (Exception e) {
            throw TokenxException.refused("INVALID-REQUEST", "the body is not a TokenX basket: " + e.getMessage());
        }
        if (basket == null || basket.basketId() == null || basket.basketId().isBlank()) {
            throw TokenxException.refused("INVALID-REQUEST", "the basket has no basketID");
        }
        if (basket.items().isEmpty()) {
            throw TokenxException.refused("INVALID-REQUEST", "basket " + basket.basketId() + " has no items");
        }
        Traces.mark(Traces.BASKET_ID, basket.basketId());
        return basket;
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static String basketId(Exchange exchange) {
        String id = exchange.getMessage().getHeader(BASKET_ID, String.class);
        if (id == null || id.isBlank()) {
            throw TokenxException.refused("INVALID-REQUEST", "header " + BASKET_ID + " names no basket");
        }
        Traces.mark(Traces.BASKET_ID, id);
        return id;
    }

    /** The one context header among {@code allowed} the caller set; any other context header is refused too. */
    private static String[] oneOf(Message message, String rule, String... allowed) {
        List<String> given = new ArrayList<>();
        for (String header : List.of(TERMINAL_ID, BRANCH_ID, MERCHANT_ID)) {
            if (present(message, header)) {
                given.add(header);
            }
        }
        if (given.size() != 1 || !List.of(allowed).contains(given.get(0))) {
            throw TokenxException.refused("CONTEXT-HEADER", rule + ": set exactly one of " + String.join(", ", allowed)
                    + (given.isEmpty() ? " (none was set)" : " (set: " + String.join(", ", given) + ")"));
        }
        return new String[] {given.get(0), message.getHeader(given.get(0), String.class).strip()};
    }

    private static boolean present(Message message, String header) {
        String value = message.getHeader(header, String.class);
        return value != null && !value.isBlank();
    }
}
