package io.posbridge.ops.metrics;

import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.util.regex.Pattern;

/**
 * Prometheus's naming with label names in snake_case, as Prometheus's conventions (and promtool) want them. Camel
 * tags its meters in camelCase ({@code routeId}, {@code camelContext}); they are served as {@code route_id},
 * {@code camel_context}. Only the Prometheus text changes: /actuator/metrics keeps the tags as the libraries name them.
 */
public class SnakeCaseLabels extends PrometheusNamingConvention {

    private static final Pattern LOWER_THEN_UPPER = Pattern.compile("([a-z0-9])([A-Z])");

    @Override
    public String tagKey(String key) {
        return super.tagKey(LOWER_THEN_UPPER.matcher(key).replaceAll("$1_$2").toLowerCase());
    }
}
