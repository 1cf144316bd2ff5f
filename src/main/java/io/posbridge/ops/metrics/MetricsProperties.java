package io.posbridge.ops.metrics;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** posbridge's own metrics (posbridge.metrics.*); defaults are in application.yaml, names in docs/metrics.md. */
@Validated
@ConfigurationProperties("posbridge.metrics")
public record MetricsProperties(
        /* The gauges read from the database query it at most once per this, however often they are scraped. */
        @NotNull Duration gaugeRefresh) {
}
