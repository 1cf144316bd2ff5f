package io.posbridge.tokenx;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The TokenX client in {@code /actuator/health} details: the circuit breaker and the client-settings sync. It
 * reports UP even while the breaker is open: the client then parks work by design, and it is not in the readiness
 * group, so TokenX trouble never takes posbridge out of the load balancer. Alert on the details or the metrics.
 */
public class TokenxHealth extends AbstractHealthIndicator {

    private final CircuitBreaker breaker;
    private final TokenxClientSettingsSync clientSettings;
    private final TokenxProperties properties;

    public TokenxHealth(CircuitBreaker breaker, TokenxClientSettingsSync clientSettings, TokenxProperties properties) {
        this.breaker = breaker;
        this.clientSettings = clientSettings;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        Map<String, Object> breakerDetails = new LinkedHashMap<>();
        breakerDetails.put("state", breaker.getState().name());
        breakerDetails.put("failureRate", metrics.getFailureRate());
        breakerDetails.put("bufferedCalls", metrics.getNumberOfBufferedCalls());
        breakerDetails.put("failedCalls", metrics.getNumberOfFailedCalls());
        breakerDetails.put("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
        builder.up()
                .withDetail("enabled", properties.enabled())
                .withDetail("circuitBreaker", breakerDetails)
                .withDetail("clientSettings", clientSettings.status().details());
    }
}
