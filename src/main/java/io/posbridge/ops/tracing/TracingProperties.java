package io.posbridge.ops.tracing;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Traces (posbridge.tracing.*): on when otlpEndpoint is set, the collector's OTLP/HTTP base URL (spans go to
 * {@code <otlpEndpoint>/v1/traces}); samplingRatio is the share of traces kept, decided once per trace.
 */
@Validated
@ConfigurationProperties("posbridge.tracing")
public record TracingProperties(
        @Pattern(regexp = "(https?://\\S+)?", message = "must be an http:// or https:// URL, or empty for no traces")
        String otlpEndpoint,
        @DecimalMin("0.0") @DecimalMax("1.0") double samplingRatio) {

    /** The OTLP/HTTP traces URL, as OTEL_EXPORTER_OTLP_ENDPOINT makes it of a base URL. */
    public String tracesUrl() {
        return otlpEndpoint.endsWith("/") ? otlpEndpoint + "v1/traces" : otlpEndpoint + "/v1/traces";
    }
}
