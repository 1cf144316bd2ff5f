package io.posbridge.tokenx;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Makes TokenX's client settings (where webhooks go, and the Authorization they carry) match ours: reads them, and
 * writes them when they differ. It runs after start-up in the background, trying again every
 * {@code posbridge.tokenx.client-settings.retry-delay} until it succeeds, so start-up and readiness never wait on
 * TokenX; {@link #syncNow()} runs it on demand.
 */
public class TokenxClientSettingsSync implements DisposableBean {

    public enum State {
        DISABLED, PENDING, IN_SYNC, FAILING
    }

    /** What the health endpoint shows; never the callback auth itself. */
    public record Status(State state, Instant lastAttemptAt, Instant syncedAt, String lastError) {
        public Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", state);
            if (lastAttemptAt != null) {
                details.put("lastAttemptAt", lastAttemptAt.toString());
            }
            if (syncedAt != null) {
                details.put("syncedAt", syncedAt.toString());
            }
            if (lastError != null) {
                details.put("lastError", lastError);
            }
            return details;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TokenxClientSettingsSync.class);

    private final TokenxInternalCalls calls;
    private final TokenxProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService background;
    private volatile Status status;

    public TokenxClientSettingsSync(TokenxInternalCalls calls, TokenxProperties properties, Clock clock) {
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
        this.status = new Status(properties.enabled() ? State.PENDING : State.DISABLED, null, null, null);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tokenx-client-settings");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startInBackground() {
        if (properties.enabled()) {
            background.execute(this::syncUntilDone);
        }
    }

    public Status status() {
        return status;
    }

    /** Syncs now, on the caller's thread; the outcome is also what health shows. */
    public synchronized Status syncNow() {
        if (!properties.enabled()) {
            return status;
        }
        Instant attemptAt = clock.instant();
        try {
            JsonNode current = calls.request("direct:tokenx-read-client-settings", Map.of(), JsonNode.class);
            if (matches(current)) {
                LOG.info("TokenX client settings already send webhooks to {}", properties.callbackUrl());
            } else {
                calls.request("direct:tokenx-write-client-settings", Map.of(), JsonNode.class);
                LOG.info("TokenX client settings updated: webhooks now go to {}", properties.callbackUrl());
            }
            status = new Status(State.IN_SYNC, attemptAt, clock.instant(), null);
        } catch (RuntimeException e) {
            String error = e instanceof TokenxException t ? t.getMessage() : e.getClass().getSimpleName();
            status = new Status(State.FAILING, attemptAt, status.syncedAt(), error);
        }
        return status;
    }

    private void syncUntilDone() {
        if (syncNow().state() == State.FAILING) {
            LOG.warn("TokenX client settings are not synced ({}); trying again in {}", status.lastError(),
                    properties.clientSettings().retryDelay());
            background.schedule(this::syncUntilDone, properties.clientSettings().retryDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private boolean matches(JsonNode current) {
        return current != null
                && Objects.equals(properties.callbackUrl(), current.path("callbackUrl").asText(null))
                && Objects.equals(properties.callbackAuth(), current.path("callbackAuthHeader").asText(null));
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
