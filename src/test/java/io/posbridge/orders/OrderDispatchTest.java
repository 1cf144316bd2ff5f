package io.posbridge.orders;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.posbridge.tokenx.TokenxException;
import io.posbridge.tokenx.TokenxKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What a failed send makes of an order, without a database or TokenX: REJECTED only on TokenX's final word, SENT when
 * TokenX finished the basket already, WAITING with a doubling delay for everything else.
 */
class OrderDispatchTest {

    private final OrderStore store = mock(OrderStore.class);
    private final OrderDispatch dispatch = new OrderDispatch(store, settings(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            new OrderMetrics(new SimpleMeterRegistry()));

    @Test
    void aPermanentRefusalRejectsTheOrderWithTokenxsCodeAndAnOutcome() {
        dispatch.failed(order(1), TokenxException.of("1103", TokenxKind.PERMANENT, "totals differ", 400));
        verify(store).move(eq("O-1"), eq(OrderState.REJECTED), eq("TokenX refused the basket: totals differ"), eq("1103"),
                isNull(), anyString());
    }

    @Test
    void aBasketTokenxFinishedAlreadyCountsAsSent() {
        dispatch.failed(order(1), TokenxException.of("1102", TokenxKind.ALREADY_DONE, "already completed", 400));
        verify(store).move(eq("O-1"), eq(OrderState.SENT), anyString(), eq("1102"), isNull(), isNull());
    }

    @ParameterizedTest
    @CsvSource({"RETRY, HTTP-503, TokenX unavailable: down", "RETRY_LATER, 1100, terminal busy: down",
            "UNAVAILABLE, BREAKER-OPEN, TokenX unavailable: TokenX is unavailable (circuit breaker open)"})
    void anythingElseLeavesItWaiting(TokenxKind kind, String code, String reason) {
        dispatch.failed(order(1), TokenxException.of(code, kind, "down", 503));
        verify(store).move(eq("O-1"), eq(OrderState.WAITING), eq(reason), eq(code), eq(Duration.ofSeconds(5)), isNull());
    }

    @Test
    void aFailureThatIsNotTokenxsAlsoLeavesItWaiting() {
        dispatch.failed(order(1), new IllegalStateException("database down"));
        verify(store).move(eq("O-1"), eq(OrderState.WAITING), eq("could not send: database down"), isNull(), any(), isNull());
    }

    @ParameterizedTest
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "6, 160", "7, 300", "60, 300"})
    void theWaitDoublesPerAttemptUpToTheLongest(int attempts, long seconds) {
        dispatch.failed(order(attempts), TokenxException.of("HTTP-503", TokenxKind.RETRY, "down", 503));
        verify(store).move(eq("O-1"), eq(OrderState.WAITING), anyString(), eq("HTTP-503"), eq(Duration.ofSeconds(seconds)), isNull());
    }

    private static StoredOrder order(int attempts) {
        return new StoredOrder("O-1", "b-1", "HTTP", "T-1", null, false, "{}", OrderState.SENDING, null, null, attempts,
                null, null, null, null, null, null, null);
    }

    /** The two settings a failed send reads, bound as Spring binds them. */
    private static OrdersProperties settings() {
        var source = new MapConfigurationPropertySource(Map.of("posbridge.orders.retry-delay", "5s",
                "posbridge.orders.max-retry-delay", "5m"));
        return new Binder(source).bind("posbridge.orders", OrdersProperties.class).get();
    }
}
