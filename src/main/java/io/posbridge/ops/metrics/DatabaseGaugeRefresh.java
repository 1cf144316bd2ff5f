package io.posbridge.ops.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link DatabaseGauges}' queries at most once per posbridge.metrics.gauge-refresh, when a scrape first
 * reads one of their gauges after that time. All of them run together and stop at the first failure, so a database
 * that is down costs a scrape one connection wait per interval, not one per gauge. A failure never fails the scrape:
 * the gauges keep their last values, and it is logged once at WARN until a refresh succeeds again.
 */
@Component
public class DatabaseGaugeRefresh implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGaugeRefresh.class);

    private final List<DatabaseGauges> gauges;
    private final long intervalNanos;
    private long lastRun;
    private boolean ranOnce;
    private boolean failing;

    public DatabaseGaugeRefresh(ObjectProvider<DatabaseGauges> gauges, MetricsProperties properties) {
        this.gauges = gauges.orderedStream().toList();
        this.intervalNanos = properties.gaugeRefresh().toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauges.forEach(g -> g.register(registry, this::refreshIfStale));
    }

    /** Refreshes every gauge if the last refresh is older than the interval; the other readers wait for it. */
    public synchronized void refreshIfStale() {
        // Monotonic time: the interval is about load, not about the business clock tests move.
        long now = System.nanoTime();
        if (ranOnce && now - lastRun < intervalNanos) {
            return;
        }
        ranOnce = true;
        lastRun = now;
        try {
            gauges.forEach(DatabaseGauges::refresh);
            if (failing) {
                failing = false;
                LOG.info("metrics read from the database are up to date again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("metrics read from the database keep their last values: {}", e.getMessage());
            }
        }
    }
}
