package io.posbridge.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The simulator's fault switches, for demos and tests: down (every TokenX call answers 503), slow (every call waits
 * {@code delay} first) and flaky (a share of calls answers 500 / status 12). Webhooks from the devices are not
 * affected. All off until switched on.
 */
public class SandboxFaults {

    public record Switches(boolean down, Duration delay, double failureRate) {
        static final Switches NONE = new Switches(false, Duration.ZERO, 0.0);

        public Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("down", down);
            view.put("delay", delay.toMillis() + "ms");
            view.put("failureRate", failureRate);
            return view;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SandboxFaults.class);

    private volatile Switches switches = Switches.NONE;

    public Switches current() {
        return switches;
    }

    /** Changes the switches given (null leaves one as it is). */
    public synchronized Switches set(Boolean down, Duration delay, Double failureRate) {
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        if (failureRate != null && (failureRate < 0 || failureRate > 1)) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1");
        }
        Switches now = switches;
        switches = new Switches(down == null ? now.down() : down, delay == null ? now.delay() : delay,
                failureRate == null ? now.failureRate() : failureRate);
        LOG.info("TokenX simulator faults: {}", switches.view());
        return switches;
    }

    public synchronized Switches clear() {
        switches = Switches.NONE;
        LOG.info("TokenX simulator faults cleared");
        return switches;
    }

    /** Applied before every TokenX call the simulator answers. */
    void apply() {
        Switches now = switches;
        if (now.down()) {
            throw new TokenxError(HttpStatus.SERVICE_UNAVAILABLE, 503, "TokenX is down (simulator fault switch)");
        }
        if (!now.delay().isZero()) {
            try {
                Thread.sleep(now.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (now.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < now.failureRate()) {
            throw TokenxError.internal();
        }
    }
}
