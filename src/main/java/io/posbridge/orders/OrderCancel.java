package io.posbridge.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Cancelling an order (DELETE /api/orders/{orderId}, route orders-cancel): an order TokenX never got is cancelled
 * here; a sent basket is deleted at TokenX first; any other order cannot be cancelled now.
 */
@Component("orderCancel")
public class OrderCancel {

    private final OrderStore store;
    private final Clock clock;

    public OrderCancel(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The order, or null when there is none. */
    public StoredOrder order(String orderId) {
        return store.find(orderId).orElse(null);
    }

    /** Whether TokenX has the order's basket (sent or locked), so it must be deleted there first. */
    public boolean basketAtTokenx(StoredOrder order) {
        return order != null && (order.state() == OrderState.SENT || order.state() == OrderState.LOCKED);
    }

    /** A cancel that needs nothing of TokenX: 404 when there is no order, 409 when it is final or being sent. */
    public void cancelHere(String orderId, StoredOrder order, Exchange exchange) throws JsonProcessingException {
        if (order == null) {
            OrderApi.answer(exchange, 404, Map.of("error", "no order " + orderId));
        } else if (order.state() == OrderState.RECEIVED || order.state() == OrderState.WAITING) {
            cancelled(exchange, order, "cancelled before it was sent");
        } else {
            OrderApi.answer(exchange, 409, Map.of("error", "order " + orderId + " is " + order.state()
                    + " and cannot be cancelled now"));
        }
    }

    /** After TokenX deleted the basket. */
    public void deletedAtTokenx(StoredOrder order, Exchange exchange) throws JsonProcessingException {
        cancelled(exchange, order, "basket deleted at TokenX");
    }

    public void notDeletedAtTokenx(StoredOrder order, Exception e, Exchange exchange) throws JsonProcessingException {
        OrderApi.answer(exchange, 409, Map.of("error", "TokenX did not delete basket " + order.basketId() + ": "
                + (e == null ? "unknown error" : e.getMessage())));
    }

    private void cancelled(Exchange exchange, StoredOrder order, String reason) throws JsonProcessingException {
        boolean moved = store.move(order.orderId(), OrderState.DELETED, reason, null, null,
                OrderOutcomes.outcome(order, OrderState.DELETED, null, reason, null, OffsetDateTime.now(clock)));
        OrderApi.answer(exchange, moved ? 200 : 409, moved ? Map.of("orderId", order.orderId(), "state", OrderState.DELETED)
                : Map.of("error", "order " + order.orderId() + " changed state meanwhile; ask again"));
    }
}
