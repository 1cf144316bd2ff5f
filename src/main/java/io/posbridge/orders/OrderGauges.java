package io.posbridge.orders;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.posbridge.ops.metrics.DatabaseGauges;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order gauges read from the orders table (docs/metrics.md): orders by state, waiting orders by reason, and the
 * outcome outbox's backlog and the age of its oldest entry. Every replica reports the same values, the table's.
 */
@Component
public class OrderGauges implements DatabaseGauges {

    /** Groups waiting orders by the start of their reason; the prefixes are fixed text, never from outside. */
    private static final String WAITING_BY_REASON = "SELECT r, COUNT(*) FROM (SELECT CASE "
            + Stream.of(WaitingReason.values()).filter(w -> w.prefix() != null)
                    .map(w -> "WHEN reason LIKE '" + w.prefix() + "%' THEN '" + w.label() + "' ")
                    .collect(Collectors.joining())
            + "ELSE '" + WaitingReason.OTHER.label() + "' END AS r FROM orders WHERE state = 'WAITING') w GROUP BY r";

    private record Values(Map<OrderState, Long> byState, Map<String, Long> waiting, long outcomesDue,
            OffsetDateTime oldestDue) {
    }

    private final JdbcClient db;
    private final Clock clock;
    private volatile Values values = new Values(Map.of(), Map.of(), 0, null);

    public OrderGauges(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void register(MeterRegistry registry, Runnable beforeRead) {
        for (OrderState state : OrderState.values()) {
            Gauge.builder("posbridge.orders", this, g -> read(beforeRead).byState().getOrDefault(state, 0L))
                    .description("Orders in each state, from the orders table")
                    .tag("state", state.name())
                    .register(registry);
        }
        for (WaitingReason reason : WaitingReason.values()) {
            Gauge.builder("posbridge.orders.waiting", this, g -> read(beforeRead).waiting().getOrDefault(reason.label(), 0L))
                    .description("WAITING orders by why they wait")
                    .tag("reason", reason.label())
                    .register(registry);
        }
        Gauge.builder("posbridge.outcomes.due", this, g -> read(beforeRead).outcomesDue())
                .description("Final orders whose outcome is not yet published")
                .register(registry);
        Gauge.builder("posbridge.outcomes.oldest.due.age", this, g -> ageSeconds(read(beforeRead).oldestDue()))
                .description("How long the oldest unpublished outcome has waited; 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void refresh() {
        Map<OrderState, Long> byState = new EnumMap<>(OrderState.class);
        db.sql("SELECT state, COUNT(*) FROM orders GROUP BY state")
                .query((rs, row) -> Map.entry(OrderState.valueOf(rs.getString(1)), rs.getLong(2))).list()
                .forEach(e -> byState.put(e.getKey(), e.getValue()));
        Map<String, Long> waiting = db.sql(WAITING_BY_REASON)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Values outcomes = db.sql("SELECT COUNT(*), MIN(updated_at) FROM orders WHERE outcome_due = TRUE")
                .query((rs, row) -> new Values(null, null, rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                .single();
        values = new Values(byState, waiting, outcomes.outcomesDue(), outcomes.oldestDue());
    }

    private Values read(Runnable beforeRead) {
        beforeRead.run();
        return values;
    }

    private double ageSeconds(OffsetDateTime since) {
        return since == null ? 0 : Math.max(0, Duration.between(since.toInstant(), clock.instant()).toMillis() / 1000.0);
    }
}
