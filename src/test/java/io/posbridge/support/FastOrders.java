package io.posbridge.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings that make the order flow quick enough for tests: folders under one temporary folder, short rounds. */
public final class FastOrders {

    private FastOrders() {
    }

    public static void register(DynamicPropertyRegistry registry, Path work) {
        registry.add("posbridge.orders.inbox", () -> work.resolve("inbox").toString());
        registry.add("posbridge.orders.error-dir", () -> work.resolve("error").toString());
        registry.add("posbridge.orders.outcome-uri", () -> "file:" + work.resolve("outbox"));
        registry.add("posbridge.orders.dispatch-interval", () -> "100ms");
        registry.add("posbridge.orders.outcome-interval", () -> "100ms");
        registry.add("posbridge.orders.retry-delay", () -> "200ms");
        registry.add("posbridge.tokenx.retry.max-redeliveries", () -> "1");
        registry.add("posbridge.tokenx.retry.initial-delay", () -> "10ms");
    }
}
