package io.posbridge.orders;

import io.posbridge.ops.logging.LogIds;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Background care of orders on every replica: expiry after TokenX's basket lifetime, and finding quiet baskets to poll. */
@Component("orderMaintenance")
public class OrderMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(OrderMaintenance.class);
    private static final int BATCH = 200;

    private final OrderStore store;
    private final OrderUpdates updates;
    private final OrdersProperties settings;

    public OrderMaintenance(OrderStore store, OrderUpdates updates, OrdersProperties settings) {
        this.store = store;
        this.updates = updates;
        this.settings = settings;
    }

    /** Orders older than TokenX keeps baskets become EXPIRED. */
    public void expire() {
        for (String orderId : store.pastTtl(settings.basketTtl(), BATCH)) {
            store.find(orderId).ifPresent(order -> {
                try (LogIds ids = LogIds.order(order.orderId(), order.basketId())) {
                    updates.moveTo(order, OrderState.EXPIRED, null, "no outcome within " + settings.basketTtl().toDays() + " days");
                    LOG.warn("order {} EXPIRED with no outcome", orderId);
                }
            });
        }
    }

    /** SENT or LOCKED orders that heard nothing for posbridge.orders.poll-after, claimed for a look at TokenX. */
    public List<StoredOrder> quietOrders() {
        return store.claimQuiet(settings.pollAfter(), BATCH);
    }
}
