package io.posbridge.ops.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes /actuator/prometheus follow Prometheus's conventions, as `promtool check metrics` checks them (MetricsTest):
 * snake_case label names, and a help text on every series. The meters whose names break them outright
 * (jvm_compilation_time_ms_total, process_cpu_time_ns_total, system_cpu_count) are switched off in application.yaml.
 */
@Configuration(proxyBeanMethods = false)
public class PrometheusConventions {

    @Bean
    MeterRegistryCustomizer<PrometheusMeterRegistry> snakeCaseLabels() {
        return registry -> registry.config().namingConvention(new SnakeCaseLabels());
    }

    /** Several libraries (Camel's route counts, Tomcat, RabbitMQ, Spring's HTTP timers) register meters with no description. */
    @Bean
    MeterFilter helpTextForEveryMeter() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null && !id.getDescription().isBlank()) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), id.getName(), id.getType());
            }
        };
    }
}
