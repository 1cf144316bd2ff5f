package io.posbridge.tokenx;

import io.posbridge.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The token holder alone: caching by a hand-moved clock, the refresh margin, single-flight refresh, discarding. */
class TokenxAccessTokensTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger issued = new AtomicInteger();
    private final Supplier<TokenxAccessTokens.IssuedToken> issuer =
            () -> new TokenxAccessTokens.IssuedToken("token-" + issued.incrementAndGet(), 900);

    @Test
    void cachesTheTokenUntilTheMarginBeforeItEnds() {
        TokenxAccessTokens tokens = new TokenxAccessTokens(issuer, clock, Duration.ofSeconds(60));

        assertThat(tokens.current().value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(839));
        assertThat(tokens.current().value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.current().value()).isEqualTo("token-2");
        assertThat(issued).hasValue(2);
    }

    @Test
    void aMarginLongerThanTheLifetimeStillLeavesHalfOfIt() {
        TokenxAccessTokens tokens = new TokenxAccessTokens(
                () -> new TokenxAccessTokens.IssuedToken("short-" + issued.incrementAndGet(), 30), clock,
                Duration.ofSeconds(60));

        tokens.current();
        clock.advance(Duration.ofSeconds(14));
        tokens.current();
        assertThat(issued).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        tokens.current();
        assertThat(issued).hasValue(2);
    }

    @Test
    void fiveHundredCallersOnAnExpiredTokenShareOneRefresh() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TokenxAccessTokens tokens = new TokenxAccessTokens(() -> {
            await(release);
            return issuer.get();
        }, clock, Duration.ofSeconds(60));
        int callers = 500;
        CountDownLatch started = new CountDownLatch(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> values = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                values.add(pool.submit(() -> {
                    started.countDown();
                    return tokens.current().value();
                }));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> value : values) {
                assertThat(value.get(10, TimeUnit.SECONDS)).isEqualTo("token-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(issued).hasValue(1);
    }

    @Test
    void waitersShareAFailedRefreshAndTheNextCallTriesAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        TokenxAccessTokens tokens = new TokenxAccessTokens(() -> {
            if (attempts.incrementAndGet() == 1) {
                await(release);
                throw new TokenxRetryException("HTTP-503", "auth down", 503, null);
            }
            return issuer.get();
        }, clock, Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiters.add(pool.submit(tokens::current));
            }
            while (attempts.get() == 0) {
                Thread.onSpinWait();
            }
            release.countDown();
            int failed = 0;
            for (Future<?> waiter : waiters) {
                try {
                    // Callers that came after the failure started the second, successful refresh together.
                    assertThat(waiter.get(10, TimeUnit.SECONDS).toString()).contains("generation=1");
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e).hasCauseInstanceOf(TokenxRetryException.class);
                    failed++;
                }
            }
            assertThat(failed).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokens.current().value()).isEqualTo("token-1");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void discardDropsOnlyTheTokenThatWasRefused() {
        TokenxAccessTokens tokens = new TokenxAccessTokens(issuer, clock, Duration.ofSeconds(60));
        TokenxAccessTokens.AccessToken first = tokens.current();

        tokens.discard(first.generation());
        TokenxAccessTokens.AccessToken second = tokens.current();
        tokens.discard(first.generation()); // a late refusal of the old token must not drop the new one

        assertThat(second.value()).isEqualTo("token-2");
        assertThat(tokens.current()).isSameAs(second);
    }

    @Test
    void neitherTokenPrintsItsValue() {
        TokenxAccessTokens tokens = new TokenxAccessTokens(issuer, clock, Duration.ofSeconds(60));
        assertThat(tokens.current().toString()).doesNotContain("token-1");
        assertThat(issuer.get().toString()).doesNotContain("token-");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
