package io.posbridge.ops.page;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.posbridge.tokenx.TokenxLastFailure;
import io.posbridge.tokenx.TokenxProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The TokenX client: whether it is on, its circuit breaker's state and counts, and the last failed call. */
@Component
@Order(1)
class TokenxSection implements OperatorSection {

    record Breaker(String state, float failureRate, int bufferedCalls, int failedCalls, long notPermittedCalls) {
    }

    record View(boolean enabled, Breaker breaker, TokenxLastFailure.Failure lastFailure) {
    }

    private final CircuitBreaker breaker;
    private final TokenxLastFailure lastFailure;
    private final TokenxProperties properties;

    TokenxSection(CircuitBreaker tokenxCircuitBreaker, TokenxLastFailure lastFailure, TokenxProperties properties) {
        this.breaker = tokenxCircuitBreaker;
        this.lastFailure = lastFailure;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "tokenx";
    }

    @Override
    public View read() {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        // failureRate is -1 until the breaker has seen its minimum number of calls.
        Breaker state = new Breaker(breaker.getState().name(), metrics.getFailureRate(),
                metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(), metrics.getNumberOfNotPermittedCalls());
        return new View(properties.enabled(), state, lastFailure.last().orElse(null));
    }
}
