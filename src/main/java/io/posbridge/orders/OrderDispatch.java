package io.posbridge.orders;

import io.posbridge.ops.tracing.Traces;
import io.posbridge.ops.logging.LogIds;
import io.posbridge.tokenx.TokenxException;
import io.posbridge.tokenx.TokenxHeaders;
import io.posbridge.tokenx.TokenxKind;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends stored orders to TokenX as baskets, each terminal's in arrival order, and records what came of
 * it: SENT, WAITING (to be re-driven, oldest first) or REJECTED. An order is never lost here: any failure
 * that is not TokenX's final word leaves it waiting.
 */
@Component("orderDispatch")
public class OrderDispatch {

    /** Exchange property: the {@link StoredOrder} a dispatch is about. */
    static final String ORDER = "PosbridgeOrder";

    private static final Logger LOG = LoggerFactory.getLogger(OrderDispatch.class);

    private final OrderStore store;
    private final OrdersProperties settings;
    private final Clock clock;
    private final OrderMetrics metrics;

    public OrderDispatch(OrderStore store, OrdersProperties settings, Clock clock, OrderMetrics metrics) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    public List<StoredOrder> claim() {
        store.releaseStuck(settings.stuckAfter());
        return store.claimForSending(settings.dispatchBatch());
    }

    /** Turns a claimed order into a TokenX basket call: the basket as body, one context header. */
    public void prepare(Exchange exchange) {
        StoredOrder order = exchange.getIn().getBody(StoredOrder.class);
        exchange.setProperty(ORDER, order);
        Traces.mark(Traces.ORDER_ID, order.orderId());
        Traces.mark(Traces.BASKET_ID, order.basketId());
        exchange.getIn().removeHeaders("*");
        if (order.terminalId() != null) {
            exchange.getIn().setHeader(TokenxHeaders.TERMINAL_ID, order.terminalId());
        } else {
            exchange.getIn().setHeader(TokenxHeaders.BRANCH_ID, order.branchId());
        }
        exchange.getIn().setBody(order.basket());
    }

    /** Whether the order goes to TokenX as an instant basket (paid at once on one terminal). */
    public boolean instant(StoredOrder order) {
        return order.instant();
    }

    /** Counts a basket TokenX took; the order goes on to be recorded SENT with the others sent about then. */
    public StoredOrder sent(StoredOrder order) {
        metrics.basketSent();
        return order;
    }

    /** Records orders TokenX took as SENT, all in one transaction: one commit per group instead of one per order. */
    public void recordSent(List<StoredOrder> orders) {
        Set<String> moved = Set.copyOf(store.recordSent(orders.stream().map(StoredOrder::orderId).toList()));
        for (StoredOrder order : orders) {
            if (moved.contains(order.orderId())) {
                try (LogIds ids = LogIds.order(order.orderId(), order.basketId())) {
                    LOG.info("order {} SENT as basket {} to {}", order.orderId(), order.basketId(), destination(order));
                }
            }
        }
    }

    /** A send that failed: refused for good (REJECTED), finished at TokenX already (SENT), or WAITING to go again. */
    public void failed(StoredOrder order, Exception e) {
        try (LogIds ids = LogIds.order(order.orderId(), order.basketId())) {
            recordFailure(order, e);
        }
    }

    private void recordFailure(StoredOrder order, Exception e) {
        if (e instanceof TokenxException tx && tx.kind() == TokenxKind.PERMANENT) {
            metrics.basketRefused(tx.code());
            String reason = "TokenX refused the basket: " + tx.description();
            store.move(order.orderId(), OrderState.REJECTED, reason, tx.code(), null,
                    OrderOutcomes.outcome(order, OrderState.REJECTED, null, reason, tx.code(), OffsetDateTime.now(clock)));
            LOG.warn("order {} REJECTED: TokenX {} {}", order.orderId(), tx.code(), tx.description());
            return;
        }
        if (e instanceof TokenxException tx && tx.kind() == TokenxKind.ALREADY_DONE) {
            // 1102: TokenX finished this basket already; the poll fetches how it ended.
            store.move(order.orderId(), OrderState.SENT, "TokenX reports the basket already completed", tx.code(), null, null);
            return;
        }
        String reason = e instanceof TokenxException tx
                ? (tx.kind() == TokenxKind.RETRY_LATER ? WaitingReason.TERMINAL_BUSY : WaitingReason.TOKENX_UNAVAILABLE)
                        .reason(tx.description())
                : WaitingReason.SEND_FAILED.reason(e == null ? "unknown error" : e.getMessage());
        Duration retryIn = backoff(order.attempts());
        store.move(order.orderId(), OrderState.WAITING, reason, e instanceof TokenxException tx ? tx.code() : null, retryIn, null);
        LOG.info("order {} WAITING ({}); next try in {}s", order.orderId(), reason, retryIn.toSeconds());
    }

    private Duration backoff(int attempts) {
        Duration delay = settings.retryDelay().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }

    private static String destination(StoredOrder order) {
        return order.terminalId() != null ? "terminal " + order.terminalId() : "branch " + order.branchId();
    }
}
