package io.posbridge.tokenx;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The TokenX client's pieces that are built from settings. Every bean here exists whether or not the order half is
 * enabled: the routes refer to them by name, and none of them reads a URL or a credential before a call is made.
 */
@Configuration(proxyBeanMethods = false)
public class TokenxConfiguration {

    static final String BREAKER_NAME = "tokenx";

    @Bean
    TokenxAccessTokens tokenxAccessTokens(TokenxInternalCalls calls, TokenxProperties properties,
            Clock clock, TokenxMetrics metrics) {
        return new TokenxAccessTokens(() -> metrics.countRefresh(
                () -> calls.request("direct:tokenx-fetch-token", Map.of(), TokenxAccessTokens.IssuedToken.class)),
                clock, properties.tokenRefreshMargin());
    }

    /**
     * The breaker the routes' {@code circuitBreaker} EIP uses ({@code resilience4jConfiguration.circuitBreaker:
     * tokenxCircuitBreaker}), built here so its settings are Durations and only TokenX's own failures count. Its
     * registry stays private: a CircuitBreakerRegistry bean would be picked up by every circuitBreaker in the app.
     * Meters (docs/metrics.md): resilience4j_circuitbreaker_state{name="tokenx"}, _calls_seconds, _failure_rate,
     * _not_permitted_calls_total.
     */
    @Bean
    CircuitBreaker tokenxCircuitBreaker(TokenxProperties properties, Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        TokenxProperties.Breaker settings = properties.breaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                // Only TokenX failing counts. A refusal of one request (permanent, busy, already done) comes from a
                // TokenX that works, and must not open the breaker for everyone else.
                .recordException(failure -> !(failure instanceof TokenxException e) || e.kind() == TokenxKind.RETRY)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        CircuitBreaker breaker = registry.circuitBreaker(BREAKER_NAME);
        meters.ifAvailable(m -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(m));
        return breaker;
    }

    /** Exponential backoff with jitter (Camel's collision avoidance) for retry-kind failures; see tokenx-call. */
    @Bean
    RedeliveryPolicy tokenxRedeliveryPolicy(TokenxProperties properties) {
        TokenxProperties.Retry retry = properties.retry();
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(retry.maxRedeliveries());
        policy.setRedeliveryDelay(retry.initialDelay().toMillis());
        policy.setUseExponentialBackOff(retry.multiplier() > 1.0);
        policy.setBackOffMultiplier(retry.multiplier());
        policy.setMaximumRedeliveryDelay(retry.maxDelay().toMillis());
        policy.setUseCollisionAvoidance(retry.jitter() > 0);
        policy.setCollisionAvoidanceFactor(retry.jitter());
        // One line per retry and one when they run out; the exception message carries code, kind and description.
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setRetriesExhaustedLogLevel(LoggingLevel.WARN);
        policy.setLogStackTrace(false);
        policy.setLogRetryStackTrace(false);
        policy.setLogExhaustedMessageHistory(false);
        policy.setLogExhaustedMessageBody(false);
        return policy;
    }

    /**
     * The HTTP client every TokenX endpoint uses, given to camel-http as {@code httpClient=#tokenxHttpClient}:
     * camel-http takes its timeouts as milliseconds in the URI, ours are Durations. It never retries on its own:
     * retries are the route's, so the breaker sees each attempt.
     */
    @Bean(destroyMethod = "close")
    CloseableHttpClient tokenxHttpClient(TokenxProperties properties) {
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout response = Timeout.of(properties.responseTimeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(response).build())
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(100)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect).setResponseTimeout(response).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableRedirectHandling()
                .build();
    }

    @Bean
    TokenxFiscalParameterCache tokenxFiscalParameterCache(TokenxInternalCalls calls, ObjectMapper json,
            TokenxProperties properties, Clock clock) {
        return new TokenxFiscalParameterCache(calls, json, clock, properties.fiscalCacheTtl());
    }

    @Bean
    TokenxFiscalCheck tokenxFiscalCheck(TokenxFiscalParameterCache tokenxFiscalParameterCache,
            TokenxProperties properties) {
        return new TokenxFiscalCheck(tokenxFiscalParameterCache, properties.fiscalCheck());
    }

    @Bean
    TokenxClientSettingsSync tokenxClientSettingsSync(TokenxInternalCalls calls, TokenxProperties properties,
            Clock clock) {
        return new TokenxClientSettingsSync(calls, properties, clock);
    }

    @Bean
    TokenxHealth tokenxHealthIndicator(CircuitBreaker tokenxCircuitBreaker,
            TokenxClientSettingsSync tokenxClientSettingsSync, TokenxProperties properties) {
        return new TokenxHealth(tokenxCircuitBreaker, tokenxClientSettingsSync, properties);
    }
}
