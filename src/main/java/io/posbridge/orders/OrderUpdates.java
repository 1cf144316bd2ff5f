package io.posbridge.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.posbridge.ops.logging.LogIds;
import io.posbridge.tokenx.TokenxException;
import io.posbridge.tokenx.TokenxStatusCodes;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Moves orders as TokenX reports on their baskets: by webhook, or by the poll for a webhook that never came. */
@Component("orderUpdates")
public class OrderUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(OrderUpdates.class);

    private final OrderStore store;
    private final Clock clock;

    public OrderUpdates(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Applies a webhook operation to the order of its basket. */
    public void applyWebhook(StoredOrder order, String operation, JsonNode data) {
        try (LogIds ids = LogIds.order(order.orderId(), order.basketId())) {
            applyOperation(order, operation, data);
        }
    }

    private void applyOperation(StoredOrder order, String operation, JsonNode data) {
        String basketId = order.basketId();
        switch (operation) {
            case "BASKET_LOCKED" -> moveTo(order, OrderState.LOCKED, null, "locked by " + data.path("lockedBy").asText("?"));
            case "BASKET_UNLOCKED" -> moveTo(order, OrderState.SENT, null, "unlocked");
            case "BASKET_COMPLETED" -> {
                OrderState state = OrderOutcomes.ofSaleStatus(data.path("status"));
                if (state == null) {
                    LOG.warn("TokenX completed basket {} (order {}) with unknown status {}; kept, order unchanged",
                            basketId, order.orderId(), data.path("status"));
                    return;
                }
                moveTo(order, state, data, "reported by webhook");
            }
            default -> LOG.info("TokenX webhook operation {} for order {} is not one posbridge acts on; kept",
                    operation, order.orderId());
        }
    }

    /** Brings an order up to date from TokenX's basket details, after a webhook went missing. */
    public void fromDetails(StoredOrder order, JsonNode details) {
        try (LogIds ids = LogIds.order(order.orderId(), order.basketId())) {
            applyDetails(order, details);
        }
    }

    private void applyDetails(StoredOrder order, JsonNode details) {
        JsonNode sale = details.path("sale");
        OrderState state = sale.isObject() ? OrderOutcomes.ofSaleStatus(sale.path("status")) : null;
        if (state != null) {
            moveTo(order, state, sale, "found by polling TokenX");
        } else if (details.path("isLocked").isBoolean() && details.path("isLocked").booleanValue()) {
            moveTo(order, OrderState.LOCKED, null, "found locked by polling TokenX");
        } else if (sale.isObject() && sale.has("status")) {
            LOG.warn("TokenX basket {} (order {}) has sale status {}, not 0, -1 or 99; order unchanged", order.basketId(),
                    order.orderId(), sale.path("status"));
        }
    }

    /** A poll that failed: a basket TokenX no longer has has expired; anything else is tried at the next poll. */
    public void pollFailed(StoredOrder order, Exception e) {
        if (e instanceof TokenxException tx && TokenxStatusCodes.isNotFound(tx)) {
            moveTo(order, OrderState.EXPIRED, null, "TokenX no longer has the basket: " + tx.description());
        } else {
            try (LogIds ids = LogIds.order(order.orderId(), order.basketId())) {
                LOG.warn("polling TokenX for order {} failed ({}); trying again later", order.orderId(),
                        e == null ? "?" : e.getMessage());
            }
        }
    }

    void moveTo(StoredOrder order, OrderState state, JsonNode sale, String reason) {
        try (LogIds ids = LogIds.order(order.orderId(), order.basketId())) {
            String outcome = state.isFinal() ? OrderOutcomes.outcome(order, state, sale, reason, null, OffsetDateTime.now(clock)) : null;
            if (store.move(order.orderId(), state, reason, null, null, outcome)) {
                LOG.info("order {} {}{}", order.orderId(), state, reason == null ? "" : " (" + reason + ")");
            }
        }
    }
}
