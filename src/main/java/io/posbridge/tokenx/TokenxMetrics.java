package io.posbridge.tokenx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The TokenX client's own counter (docs/metrics.md): access-token fetches, by whether TokenX issued one. */
@Component
public class TokenxMetrics {

    private final Counter refreshed;
    private final Counter failed;

    public TokenxMetrics(MeterRegistry registry) {
        this.refreshed = refreshes(registry, "success");
        this.failed = refreshes(registry, "failure");
    }

    /** Fetches a token through {@code issuer}, counting the fetch. */
    public <T> T countRefresh(Supplier<T> issuer) {
        try {
            T token = issuer.get();
            refreshed.increment();
            return token;
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
    }

    private static Counter refreshes(MeterRegistry registry, String result) {
        return Counter.builder("posbridge.tokenx.token.refreshes")
                .description("Access tokens fetched from TokenX's auth endpoint, by result")
                .tag("result", result).register(registry);
    }
}
