package io.posbridge.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Gauges read from the database: one query per interval however often they are read, and a failure fails no read. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseGaugeRefreshTest {

    /** A gauge whose "query" counts its runs, returns the run number, and fails while told to. */
    static class CountingGauges implements DatabaseGauges {
        final AtomicInteger queries = new AtomicInteger();
        volatile boolean failing;
        volatile double value;

        @Override
        public void register(MeterRegistry registry, Runnable beforeRead) {
            Gauge.builder("test.gauge", this, g -> {
                beforeRead.run();
                return value;
            }).register(registry);
        }

        @Override
        public void refresh() {
            int run = queries.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("connection refused");
            }
            value = run;
        }
    }

    private final CountingGauges gauges = new CountingGauges();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private DatabaseGaugeRefresh refresh(Duration interval) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("gauges", gauges);
        DatabaseGaugeRefresh refresh = new DatabaseGaugeRefresh(beans.getBeanProvider(DatabaseGauges.class),
                new MetricsProperties(interval));
        refresh.bindTo(registry);
        return refresh;
    }

    private double read() {
        return registry.get("test.gauge").gauge().value();
    }

    @Test
    void manyReadsWithinTheIntervalCostOneQuery() {
        refresh(Duration.ofMinutes(1));

        for (int i = 0; i < 100; i++) {
            assertThat(read()).isEqualTo(1.0);
        }
        assertThat(gauges.queries).hasValue(1);
    }

    @Test
    void aFailingQueryKeepsTheLastValuesAndIsLoggedOnceUntilItWorksAgain(CapturedOutput output) throws Exception {
        refresh(Duration.ofMillis(1));
        assertThat(read()).isEqualTo(1.0);

        gauges.failing = true;
        for (int i = 0; i < 5; i++) {
            Thread.sleep(3);
            assertThat(read()).isEqualTo(1.0);
        }
        assertThat(gauges.queries.get()).isGreaterThan(2);
        assertThat(output.getAll().split("keep their last values", -1)).hasSize(2);
        assertThat(output).contains("connection refused");

        gauges.failing = false;
        Thread.sleep(3);
        assertThat(read()).isEqualTo(gauges.queries.get());
        assertThat(output).contains("up to date again");
    }
}
