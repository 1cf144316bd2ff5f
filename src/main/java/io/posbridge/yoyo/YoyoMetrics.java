package io.posbridge.yoyo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The Yoyo VSP's counter (docs/metrics.md): every answer, by endpoint and the response code Yoyo got. */
@Component
public class YoyoMetrics {

    private static final String ROUTE_PREFIX = "yoyo-";

    private final MeterRegistry registry;
    /** Every call counts one answer: looking its counter up here is cheaper than building and registering it each time. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public YoyoMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code routeId} is the answering route (yoyo-transaction, yoyo-advise, yoyo-token-info). */
    public void answered(String routeId, String responseCode) {
        String endpoint = routeId != null && routeId.startsWith(ROUTE_PREFIX) ? routeId.substring(ROUTE_PREFIX.length()) : "other";
        counters.computeIfAbsent(endpoint + " " + responseCode, key -> Counter.builder("posbridge.yoyo.answers")
                .description("Answers to Yoyo's calls, by endpoint and response code (-1 is success)")
                .tag("endpoint", endpoint).tag("code", responseCode)
                .register(registry)).increment();
    }
}
