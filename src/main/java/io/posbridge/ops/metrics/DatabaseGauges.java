package io.posbridge.ops.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges whose values come from SQL. {@link DatabaseGaugeRefresh} decides when {@link #refresh()} runs, so that a
 * scrape never costs a query per gauge nor a query per scrape.
 */
public interface DatabaseGauges {

    /** Registers the gauges; each calls {@code beforeRead} first, then reads the values the last refresh kept. */
    void register(MeterRegistry registry, Runnable beforeRead);

    /** Queries the database and keeps the values; throws when it cannot, and the last values stay. */
    void refresh();
}
