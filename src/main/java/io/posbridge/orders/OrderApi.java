package io.posbridge.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.posbridge.orders.OrderStore.Accepted;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import io.posbridge.ops.PosbridgeProperties;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The HTTP answers of /api/orders: what a till sees after posting, asking about or cancelling an order. */
@Component("orderApi")
public class OrderApi {

    private static final Logger LOG = LoggerFactory.getLogger(OrderApi.class);
    static final String CANCEL = "PosbridgeCancel";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final OrderStore store;
    private final Clock clock;
    private final long retryAfterSeconds;

    public OrderApi(OrderStore store, Clock clock, PosbridgeProperties settings) {
        this.store = store;
        this.clock = clock;
        this.retryAfterSeconds = settings.retryAfter().toSeconds();
    }

    /** 202 with where to follow the order. */
    public void accepted(Exchange exchange) throws JsonProcessingException {
        StoredOrder order = exchange.getIn().getBody(Accepted.class).order();
        String url = "/api/orders/" + order.orderId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.orderId());
        body.put("basketId", order.basketId());
        body.put("state", order.state());
        body.put("statusUrl", url);
        answer(exchange, 202, body);
        exchange.getIn().setHeader("Location", url);
    }

    /** 503 with Retry-After: the order store cannot be reached now; nothing was stored. */
    public void unavailable(Exchange exchange) throws JsonProcessingException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("order not taken, the database is unavailable: {}", cause == null ? "?" : cause.getMessage());
        answer(exchange, 503, Map.of("error", "posbridge cannot store orders right now; nothing was stored, send it again later"));
        exchange.getIn().setHeader("Retry-After", retryAfterSeconds);
    }

    public void refused(Exchange exchange) throws JsonProcessingException {
        OrderRefused refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, OrderRefused.class);
        answer(exchange, 400, Map.of("error", "order refused", "problems", refusal.problems()));
    }

    public void view(Exchange exchange) throws JsonProcessingException {
        String orderId = exchange.getIn().getHeader("orderId", String.class);
        StoredOrder order = store.find(orderId).orElse(null);
        if (order == null) {
            answer(exchange, 404, Map.of("error", "no order " + orderId));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.orderId());
        body.put("basketId", order.basketId());
        body.put("state", order.state());
        body.put("reason", order.reason());
        body.put("tokenxCode", order.errorCode());
        body.put("terminalId", order.terminalId());
        body.put("branchId", order.branchId());
        body.put("instant", order.instant());
        body.put("source", order.source());
        body.put("attempts", order.attempts());
        body.put("receivedAt", order.receivedAt());
        body.put("sentAt", order.sentAt());
        body.put("updatedAt", order.updatedAt());
        body.put("outcome", order.outcome() == null ? null : JSON.readTree(order.outcome()));
        body.put("events", store.events(orderId));
        answer(exchange, 200, body);
    }

    /**
     * Decides what a cancel needs: nothing to cancel (404, 409 when final or being sent), a local cancel
     * for an order TokenX never got, or a basket to delete at TokenX first (header {@value #CANCEL} = "tokenx").
     */
    public void planCancel(Exchange exchange) throws JsonProcessingException {
        String orderId = exchange.getIn().getHeader("orderId", String.class);
        StoredOrder order = store.find(orderId).orElse(null);
        exchange.getIn().removeHeaders("*", "orderId");
        if (order == null) {
            answer(exchange, 404, Map.of("error", "no order " + orderId));
            exchange.getIn().setHeader(CANCEL, "done");
            return;
        }
        exchange.setProperty(OrderDispatch.ORDER, order);
        switch (order.state()) {
            case RECEIVED, WAITING -> {
                cancelled(exchange, order, "cancelled before it was sent");
                exchange.getIn().setHeader(CANCEL, "done");
            }
            case SENT, LOCKED -> {
                exchange.getIn().setHeader(io.posbridge.tokenx.TokenxHeaders.BASKET_ID, order.basketId());
                exchange.getIn().setHeader(CANCEL, "tokenx");
            }
            default -> {
                answer(exchange, 409, Map.of("error", "order " + orderId + " is " + order.state() + " and cannot be cancelled now"));
                exchange.getIn().setHeader(CANCEL, "done");
            }
        }
    }

    /** After TokenX deleted the basket. */
    public void deletedAtTokenx(Exchange exchange) throws JsonProcessingException {
        cancelled(exchange, exchange.getProperty(OrderDispatch.ORDER, StoredOrder.class), "basket deleted at TokenX");
    }

    public void cancelFailed(Exchange exchange) throws JsonProcessingException {
        StoredOrder order = exchange.getProperty(OrderDispatch.ORDER, StoredOrder.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        answer(exchange, 409, Map.of("error", "TokenX did not delete basket " + order.basketId() + ": "
                + (e == null ? "unknown error" : e.getMessage())));
    }

    private void cancelled(Exchange exchange, StoredOrder order, String reason) throws JsonProcessingException {
        boolean moved = store.move(order.orderId(), OrderState.DELETED, reason, null, null,
                OrderOutcomes.outcome(order, OrderState.DELETED, null, reason, null, OffsetDateTime.now(clock)));
        answer(exchange, moved ? 200 : 409, moved ? Map.of("orderId", order.orderId(), "state", OrderState.DELETED)
                : Map.of("error", "order " + order.orderId() + " changed state meanwhile; ask again"));
    }

    private static void answer(Exchange exchange, int status, Object body) throws JsonProcessingException {
        exchange.getIn().removeHeaders("*", CANCEL);
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(JSON.writeValueAsString(body));
    }
}
