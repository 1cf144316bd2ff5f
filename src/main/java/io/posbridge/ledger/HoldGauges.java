package io.posbridge.ledger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.posbridge.ops.metrics.DatabaseGauges;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pending-hold gauges read from the holds table (docs/metrics.md): how many holds wait for their advise and how
 * much they hold, by currency, and the age of the oldest. A currency's gauges appear with its first pending hold and
 * then stay, at 0 when none is pending.
 */
@Component
public class HoldGauges implements DatabaseGauges {

    private record Pending(long holds, long cents) {
    }

    private record Values(Map<String, Pending> byCurrency, OffsetDateTime oldest) {
    }

    private static final Pending NONE = new Pending(0, 0);

    private final JdbcClient db;
    private final Clock clock;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Values values = new Values(Map.of(), null);
    private volatile MeterRegistry registry;
    private volatile Runnable beforeRead;

    public HoldGauges(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void register(MeterRegistry registry, Runnable beforeRead) {
        this.registry = registry;
        this.beforeRead = beforeRead;
        Gauge.builder("posbridge.holds.pending.oldest.age", this, g -> ageSeconds(read().oldest()))
                .description("How long the oldest pending hold has waited for its advise; 0 when none is pending")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void refresh() {
        record Row(String currency, Pending pending, OffsetDateTime oldest) {
        }
        var rows = db.sql("SELECT a.currency, COUNT(*), SUM(h.amount), MIN(h.created_at) FROM holds h "
                        + "JOIN accounts a ON a.id = h.account_id WHERE h.state = 'PENDING' GROUP BY a.currency")
                .query((rs, row) -> new Row(rs.getString(1), new Pending(rs.getLong(2), rs.getLong(3)),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
        values = new Values(rows.stream().collect(Collectors.toMap(Row::currency, Row::pending)),
                rows.stream().map(Row::oldest).min(OffsetDateTime::compareTo).orElse(null));
        rows.forEach(r -> registerCurrency(r.currency()));
    }

    private void registerCurrency(String currency) {
        MeterRegistry meters = registry;
        if (meters == null || !registered.add(currency)) {
            return;
        }
        Gauge.builder("posbridge.holds.pending", this, g -> read().byCurrency().getOrDefault(currency, NONE).holds())
                .description("Holds waiting for their advise (finalise or reverse), by currency")
                .tag("currency", currency)
                .register(meters);
        Gauge.builder("posbridge.holds.pending.amount.cents", this, g -> read().byCurrency().getOrDefault(currency, NONE).cents())
                .description("Amount the pending holds hold, in cents (minor units), by currency")
                .tag("currency", currency)
                .register(meters);
    }

    private Values read() {
        beforeRead.run();
        return values;
    }

    private double ageSeconds(OffsetDateTime since) {
        return since == null ? 0 : Math.max(0, Duration.between(since.toInstant(), clock.instant()).toMillis() / 1000.0);
    }
}
