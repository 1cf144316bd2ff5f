package io.posbridge.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.posbridge.ops.metrics.AfterCommit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The order half's counters (docs/metrics.md): baskets TokenX took or refused, and webhooks by what came of them.
 * Label values are bounded: a code or operation outside the expected shapes is counted as "other".
 */
@Component
public class OrderMetrics {

    /** How a webhook ended. */
    public enum WebhookOutcome {
        /** Kept and applied to its order (an operation posbridge does not act on is kept, and counts here too). */
        APPLIED,
        /** The same webhook again: answered, nothing changed. */
        DUPLICATE,
        /** Kept, but its basket is none of our orders. */
        UNKNOWN_BASKET,
        /** Kept, but what it says cannot move its order (a completion status other than 0, -1, 99). */
        PROBLEM,
        /** Answered 400: its fields could not be kept as they are. */
        REFUSED,
        /** Answered 503: the database could not keep it; TokenX sends it again. */
        UNAVAILABLE;

        String label() {
            return name().toLowerCase();
        }
    }

    private static final Set<String> OPERATIONS = Set.of("BASKET_LOCKED", "BASKET_UNLOCKED", "BASKET_COMPLETED");
    /** TokenX's four-digit statuses, "HTTP-" and a status, or one of posbridge's own codes (TokenxException). */
    private static final Pattern CODE = Pattern.compile("\\d{4}|HTTP-\\d{3}|[A-Z][A-Z-]{0,31}");

    private final MeterRegistry registry;
    private final Counter basketsSent;
    /** Every webhook counts one: looking its counter up here is cheaper than building and registering it each time. */
    private final Map<String, Counter> webhooks = new ConcurrentHashMap<>();

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.basketsSent = Counter.builder("posbridge.baskets.sent")
                .description("Baskets TokenX accepted").register(registry);
    }

    public void basketSent() {
        basketsSent.increment();
    }

    public void basketRefused(String code) {
        Counter.builder("posbridge.baskets.refused")
                .description("Baskets TokenX refused for good (the order is REJECTED), by TokenX's code")
                .tag("code", code != null && CODE.matcher(code).matches() ? code : "other")
                .register(registry).increment();
    }

    /** Counts a webhook once the transaction that kept it commits. */
    public void webhook(String operation, WebhookOutcome outcome) {
        String op = operation == null ? "unknown" : OPERATIONS.contains(operation) ? operation : "other";
        Counter counter = webhooks.computeIfAbsent(op + " " + outcome.label(), key -> Counter.builder("posbridge.webhooks")
                .description("TokenX webhooks received, by operation and what came of them")
                .tag("operation", op).tag("outcome", outcome.label())
                .register(registry));
        AfterCommit.run(counter::increment);
    }
}
