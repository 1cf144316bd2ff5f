package io.posbridge.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.posbridge.orders.OrderStore.Accepted;
import java.util.LinkedHashMap;
import java.util.Map;
import io.posbridge.ops.PosbridgeProperties;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The HTTP answers of /api/orders: what a till sees after posting or asking about an order (cancelling: OrderCancel). */
@Component("orderApi")
public class OrderApi {

    private static final Logger LOG = LoggerFactory.getLogger(OrderApi.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final OrderStore store;
    private final long retryAfterSeconds;

    public OrderApi(OrderStore store, PosbridgeProperties settings) {
        this.store = store;
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

    /** The answer: status, JSON body, and no other header (nothing of the request goes back). */
    static void answer(Exchange exchange, int status, Object body) throws JsonProcessingException {
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(JSON.writeValueAsString(body));
    }
}
