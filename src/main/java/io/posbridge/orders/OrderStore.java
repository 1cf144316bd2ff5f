package io.posbridge.orders;

import io.posbridge.ops.tracing.Traces;
import io.posbridge.orders.OrderReader.IncomingOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders table: every order is stored before it is sent, and every change of state is a checked,
 * conditional update, so two replicas or a late event can never move an order backwards.
 */
@Component("orderStore")
public class OrderStore {

    private static final Logger LOG = LoggerFactory.getLogger(OrderStore.class);
    static final String COLUMNS = "order_id, basket_id, source, terminal_id, branch_id, instant, basket, state, reason, "
            + "error_code, attempts, next_attempt_at, received_at, sent_at, last_event_at, updated_at, outcome, trace_parent";
    /**
     * Read by position, in COLUMNS' order. Spring's by-name mapping of a record tries each camelCase name before its
     * snake_case column, and every miss is an exception: eleven per order row, on every webhook and dispatch.
     */
    static final RowMapper<StoredOrder> ORDER_ROW = (rs, row) -> new StoredOrder(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7),
            OrderState.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getInt(11),
            rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class),
            rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class),
            rs.getObject(16, OffsetDateTime.class), rs.getString(17), rs.getString(18));

    private final JdbcClient db;
    private final Clock clock;

    public OrderStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The order store's answer to an incoming order. */
    public record Accepted(StoredOrder order, boolean repeated) {
    }

    /**
     * Stores an order as RECEIVED. The same order id again with the same content is the same order;
     * with other content it is refused.
     */
    @Transactional
    public Accepted accept(IncomingOrder incoming) {
        PosOrder order = incoming.order();
        OffsetDateTime now = now();
        String traceParent = Traces.currentParent();
        // The total is kept beside the basket so that the daily reconciliation sums a column, not JSON.
        int inserted = db.sql("INSERT INTO orders (order_id, arrival, basket_id, source, fingerprint, terminal_id, branch_id, "
                        + "instant, basket, total, state, received_at, updated_at, trace_parent) "
                        + "VALUES (?, nextval('order_arrivals'), ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(order.orderId(), incoming.basket().basketId(), incoming.source(), incoming.fingerprint(),
                        order.terminalId(), order.branchId(), order.isInstant(), incoming.basketJson(),
                        incoming.basket().paymentTotal(), now, now, traceParent)
                .update();
        Traces.mark(Traces.ORDER_ID, order.orderId());
        Traces.mark(Traces.BASKET_ID, incoming.basket().basketId());
        if (inserted == 1) {
            event(order.orderId(), incoming.basket().basketId(), "STATE", "RECEIVED", "from " + incoming.source(), now);
            // The row as just written: reading it back would cost a statement per order.
            return new Accepted(new StoredOrder(order.orderId(), incoming.basket().basketId(), incoming.source(),
                    order.terminalId(), order.branchId(), order.isInstant(), incoming.basketJson(), OrderState.RECEIVED,
                    null, null, 0, null, now, null, null, now, null, traceParent), false);
        }
        String fingerprint = db.sql("SELECT fingerprint FROM orders WHERE order_id = ?").param(order.orderId())
                .query(String.class).single();
        if (!fingerprint.equals(incoming.fingerprint())) {
            throw new OrderRefused(List.of("orderId " + order.orderId()
                    + " was already received with different content; send changes under a new order id"));
        }
        return new Accepted(find(order.orderId()).orElseThrow(), true);
    }

    public Optional<StoredOrder> find(String orderId) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE order_id = ?").param(orderId)
                .query(ORDER_ROW).optional();
    }

    public Optional<StoredOrder> findByBasket(String basketId) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE basket_id = ?").param(basketId)
                .query(ORDER_ROW).optional();
    }

    /**
     * Claims up to {@code limit} orders that may go to TokenX now and marks them SENDING: for each
     * terminal only its oldest waiting order, and only while the terminal holds no open basket of ours;
     * branch orders have no such turn. Rows are claimed with SKIP LOCKED, so replicas share the work.
     */
    @Transactional
    public List<StoredOrder> claimForSending(int limit) {
        OffsetDateTime now = now();
        List<String> ids = db.sql("""
                SELECT o.order_id FROM orders o
                WHERE o.state IN ('RECEIVED', 'WAITING')
                  AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= :now)
                  AND (o.terminal_id IS NULL OR (
                        NOT EXISTS (SELECT 1 FROM orders b WHERE b.terminal_id = o.terminal_id
                                    AND b.state IN ('SENDING', 'SENT', 'LOCKED'))
                    AND o.arrival = (SELECT MIN(h.arrival) FROM orders h WHERE h.terminal_id = o.terminal_id
                                    AND h.state IN ('RECEIVED', 'WAITING'))))
                ORDER BY o.arrival
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""")
                .param("now", now).param("limit", limit).query(String.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        db.sql("UPDATE orders SET state = 'SENDING', attempts = attempts + 1, updated_at = :now WHERE order_id IN (:ids)")
                .param("now", now).param("ids", ids).update();
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE order_id IN (:ids) ORDER BY arrival")
                .param("ids", ids).query(ORDER_ROW).list();
    }

    /** Moves an order to {@code to} if it is in a state that may lead there; returns whether it moved. */
    @Transactional
    public boolean move(String orderId, OrderState to, String reason, String errorCode, Duration retryIn, String outcome) {
        OffsetDateTime now = now();
        Set<OrderState> from = to.reachableFrom();
        int moved = db.sql("""
                UPDATE orders SET state = :to, reason = :reason, error_code = :code, next_attempt_at = :next,
                       sent_at = CASE WHEN :to = 'SENT' AND sent_at IS NULL THEN :now ELSE sent_at END,
                       outcome = :outcome, outcome_due = :final, updated_at = :now
                WHERE order_id = :id AND state IN (:from)""")
                .param("to", to.name()).param("reason", reason).param("code", errorCode)
                .param("next", retryIn == null ? null : now.plus(retryIn)).param("now", now)
                .param("outcome", outcome).param("final", to.isFinal())
                .param("id", orderId).param("from", from.stream().map(Enum::name).toList())
                .update();
        if (moved == 1) {
            event(orderId, null, "STATE", to.name(), reason, now);
        }
        return moved == 1;
    }

    /**
     * Records a group of orders TokenX took as SENT, in one transaction whatever their number; returns the ids of those
     * that moved. Only an order still SENDING (or WAITING, when it was released as stuck meanwhile) moves: one a
     * webhook already moved on (LOCKED, COMPLETED…) stays where the webhook put it.
     */
    @Transactional
    public List<String> recordSent(List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = now();
        List<String> from = List.of(OrderState.SENDING.name(), OrderState.WAITING.name());
        db.sql("""
                UPDATE orders SET state = 'SENT', reason = NULL, error_code = NULL, next_attempt_at = NULL,
                       sent_at = COALESCE(sent_at, :now), outcome = NULL, outcome_due = FALSE, updated_at = :now
                WHERE order_id IN (:ids) AND state IN (:from)""")
                .param("now", now).param("ids", orderIds).param("from", from).update();
        // The rows this transaction just moved (it holds their locks): SENT, stamped with its own instant.
        String moved = "FROM orders WHERE order_id IN (:ids) AND state = 'SENT' AND updated_at = :now";
        db.sql("INSERT INTO order_events (event_key, order_id, kind, operation, received_at) "
                        + "SELECT 'STATE:' || :group || ':' || order_id, order_id, 'STATE', 'SENT', :now " + moved)
                .param("group", UUID.randomUUID().toString()).param("now", now).param("ids", orderIds).update();
        return db.sql("SELECT order_id " + moved).param("now", now).param("ids", orderIds).query(String.class).list();
    }

    /** Orders a replica claimed and never finished (it died mid-flight) go back to waiting. */
    @Transactional
    public int releaseStuck(Duration stuckAfter) {
        OffsetDateTime now = now();
        return db.sql("UPDATE orders SET state = 'WAITING', reason = 'resending: the replica sending it stopped', "
                        + "updated_at = ? WHERE state = 'SENDING' AND updated_at < ?")
                .params(now, now.minus(stuckAfter)).update();
    }

    /** Claims SENT or LOCKED orders that have heard nothing for {@code quietFor}, stamping them so others skip them. */
    @Transactional
    public List<StoredOrder> claimQuiet(Duration quietFor, int limit) {
        OffsetDateTime now = now();
        List<String> ids = db.sql("SELECT order_id FROM orders WHERE state IN ('SENT', 'LOCKED') "
                        + "AND COALESCE(last_event_at, sent_at, updated_at) < ? ORDER BY arrival LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(now.minus(quietFor), limit).query(String.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        db.sql("UPDATE orders SET last_event_at = :now WHERE order_id IN (:ids)").param("now", now).param("ids", ids).update();
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE order_id IN (:ids)").param("ids", ids)
                .query(ORDER_ROW).list();
    }

    /** Orders older than TokenX keeps baskets, not yet final. */
    public List<String> pastTtl(Duration ttl, int limit) {
        return db.sql("SELECT order_id FROM orders WHERE state IN ('RECEIVED', 'WAITING', 'SENT', 'LOCKED') "
                        + "AND received_at < ? ORDER BY arrival LIMIT ?")
                .params(now().minus(ttl), limit).query(String.class).list();
    }

    /**
     * Records a webhook once, with the order of its basket if any, and the problem that keeps it from being applied
     * if there is one: returns false when the same event was already recorded. Unknown baskets and operations are
     * recorded too.
     */
    @Transactional
    public boolean recordWebhook(String eventKey, String basketId, String orderId, String operation, String payload,
            OffsetDateTime occurredAt, String problem) {
        OffsetDateTime now = now();
        int inserted = db.sql("INSERT INTO order_events (event_key, basket_id, order_id, kind, operation, detail, occurred_at, "
                        + "received_at, problem) VALUES (?, ?, ?, 'WEBHOOK', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(eventKey, basketId, orderId, operation, payload, occurredAt, now, problem).update();
        if (inserted == 1 && orderId != null) {
            db.sql("UPDATE orders SET last_event_at = ? WHERE order_id = ?").params(now, orderId).update();
        }
        return inserted == 1;
    }

    public List<Map<String, Object>> events(String orderId) {
        return db.sql("SELECT kind, operation, detail, problem, occurred_at, received_at FROM order_events "
                        + "WHERE order_id = ? ORDER BY id")
                .param(orderId).query().listOfRows();
    }

    private void event(String orderId, String basketId, String kind, String operation, String detail, OffsetDateTime now) {
        db.sql("INSERT INTO order_events (event_key, basket_id, order_id, kind, operation, detail, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(kind + ":" + UUID.randomUUID(), basketId, orderId, kind, operation, detail, now).update();
        LOG.debug("order {} {}", orderId, operation);
    }

    /** To the microsecond, as the database keeps it, so that a row built here equals the row read back. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
