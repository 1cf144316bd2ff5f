package io.posbridge.tokenx;

import io.posbridge.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.posbridge.tokenx.FakeTokenx.error;
import static io.posbridge.tokenx.FakeTokenx.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.posbridge.support.FreshPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The TokenX client end to end through its direct: endpoints, against a fake TokenX shaped like docs/tokenx-api-notes.md. One
 * Spring context for all of it; each test starts with a closed breaker, no cached token and a clean fake.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class TokenxClientTest {

    static final FakeTokenx TOKENX = startedFake();
    static final int MAX_REDELIVERIES = 2;
    static final String TERMINAL = "AV00000000001";
    static final String BRANCH = "branch-7";
    static final String BASKET_ID = "33b33990-3d88-4676-8b4d-6a8c1d41d5bd";

    @DynamicPropertySource
    static void tokenx(DynamicPropertyRegistry registry) {
        registry.add("posbridge.tokenx.auth-url", TOKENX::authUrl);
        registry.add("posbridge.tokenx.basket-url", TOKENX::basketUrl);
        registry.add("posbridge.tokenx.client-settings-url", TOKENX::settingsUrl);
        registry.add("posbridge.tokenx.response-timeout", () -> "1s");
        registry.add("posbridge.tokenx.token-refresh-margin", () -> "60s");
        registry.add("posbridge.tokenx.retry.max-redeliveries", () -> MAX_REDELIVERIES);
        registry.add("posbridge.tokenx.retry.initial-delay", () -> "1ms");
        registry.add("posbridge.tokenx.retry.max-delay", () -> "5ms");
        registry.add("posbridge.tokenx.breaker.sliding-window-size", () -> 4);
        registry.add("posbridge.tokenx.breaker.minimum-number-of-calls", () -> 4);
        registry.add("posbridge.tokenx.breaker.wait-duration-in-open-state", () -> "30s");
        registry.add("posbridge.tokenx.breaker.permitted-calls-in-half-open-state", () -> 1);
        registry.add("posbridge.tokenx.client-settings.retry-delay", () -> "1h");
    }

    @TestConfiguration
    static class TestClock {
        /** Primary: ops.ClockConfiguration's system clock exists too. */
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @Autowired
    ProducerTemplate producer;
    @Autowired
    MutableClock clock;
    @Autowired
    CircuitBreaker tokenxCircuitBreaker;
    @Autowired
    TokenxAccessTokens tokens;
    @Autowired
    TokenxClientSettingsSync clientSettings;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;
    @Autowired
    HealthEndpoint health;

    /** The tokenx health details, read in-process: over HTTP, health answers a status only. */
    private Map<String, Object> tokenxHealthDetails() {
        return ((Health) health.healthForPath("tokenx")).getDetails();
    }

    private static FakeTokenx startedFake() {
        FakeTokenx fake = new FakeTokenx().start();
        // Start-up finds TokenX failing: the client-settings sync must not hold start-up or readiness.
        fake.issues("token-1", 900);
        fake.server.stubFor(get(urlPathEqualTo("/settings/v1/client-settings"))
                .willReturn(error(503, 12, "Internal server error")));
        return fake;
    }

    @AfterAll
    static void stopFake() {
        TOKENX.server.stop();
    }

    @BeforeEach
    void cleanSlate() throws InterruptedException {
        for (int i = 0; i < 200 && clientSettings.status().state() == TokenxClientSettingsSync.State.PENDING; i++) {
            Thread.sleep(50); // the start-up sync runs in the background; let it finish before the fake is reset
        }
        TOKENX.server.resetAll();
        TOKENX.issues("token-1", 900);
        tokenxCircuitBreaker.reset();
        tokens.discard(tokens.current().generation());
        TOKENX.server.resetRequests();
    }

    // ---- Baskets: paths, headers, bodies -----------------------------------------------------------------------

    @Test
    void createsABasketForATerminalWithOneContextHeaderAndTheBearerToken() {
        allowingFiscalParameters();
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket"))
                .willReturn(success("{\"basketID\":\"" + BASKET_ID + "\"}")));

        Exchange done = send("direct:tokenx-create-basket", basket(1000), Map.of("terminal-id", TERMINAL,
                "orderId", "order-1"));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(JsonNode.class).path("basketID").asText()).isEqualTo(BASKET_ID);
        assertThat(done.getMessage().getHeader(TokenxHeaders.BASKET_ALREADY_EXISTED, Boolean.class)).isFalse();
        assertThat(done.getMessage().getHeader("Authorization")).isNull();
        assertThat(done.getMessage().getHeader("orderId")).isEqualTo("order-1");
        TOKENX.server.verify(postRequestedFor(urlPathEqualTo("/basket/v1/basket"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("terminal-id", equalTo(TERMINAL))
                .withHeader("branch-id", absent())
                .withHeader("merchant-id", absent())
                .withHeader("orderId", absent())
                .withRequestBody(equalToJson("""
                        {"basketID":"%s","checkNumber":16,"title":"Masa 16",
                         "items":[{"name":"Pizza","price":15000,"sectionNo":1,"taxPercent":1000,"quantity":1000},
                                  {"name":"Cola","price":7500,"sectionNo":2,"taxPercent":1000,"quantity":1000,"unit":"piece"}],
                         "paymentItems":[{"type":1,"amount":22500}]}""".formatted(BASKET_ID))));
        TOKENX.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v1/auth/token"))
                .withHeader("Authorization", equalTo(FakeTokenx.BASIC)));
    }

    @Test
    void createsABasketForABranchWithoutAskingForFiscalParameters() {
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).willReturn(success("{}")));

        Exchange done = send("direct:tokenx-create-basket", basket(1800), Map.of("branch-id", BRANCH));

        assertThat(done.getException()).isNull();
        TOKENX.server.verify(postRequestedFor(urlPathEqualTo("/basket/v1/basket"))
                .withHeader("branch-id", equalTo(BRANCH)).withHeader("terminal-id", absent()));
        TOKENX.server.verify(0, getRequestedFor(urlPathEqualTo("/basket/v1/fiscal-parameters")));
    }

    @Test
    void refusesLocallyABasketWithTwoContextHeadersOrNone() {
        TokenxException both = failure("direct:tokenx-create-basket", basket(1000),
                Map.of("terminal-id", TERMINAL, "branch-id", BRANCH));
        TokenxException none = failure("direct:tokenx-create-basket", basket(1000), Map.of());

        assertThat(both.code()).isEqualTo("CONTEXT-HEADER");
        assertThat(both.kind()).isEqualTo(TokenxKind.PERMANENT);
        assertThat(none.description()).contains("none was set");
        assertThat(TOKENX.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void instantBasketGoesToATerminalAndRefusesABranch() {
        allowingFiscalParameters();
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/instant-basket")).willReturn(success("{}")));

        TokenxException refused = failure("direct:tokenx-instant-basket", basket(1000), Map.of("branch-id", BRANCH));
        assertThat(refused.code()).isEqualTo("INSTANT-BRANCH");
        assertThat(TOKENX.server.getAllServeEvents()).isEmpty();

        Exchange done = send("direct:tokenx-instant-basket", basket(1000), Map.of("terminal-id", TERMINAL));
        assertThat(done.getException()).isNull();
        TOKENX.server.verify(postRequestedFor(urlPathEqualTo("/basket/v1/instant-basket"))
                .withHeader("terminal-id", equalTo(TERMINAL)).withHeader("branch-id", absent()));
    }

    @Test
    void everyOtherBasketCallUsesItsPathMethodAndContextHeader() {
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(success("{\"basketID\":\"" + BASKET_ID + "\",\"status\":1,\"isLocked\":false}")));
        TOKENX.server.stubFor(put(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)).willReturn(success("{}")));
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket/unlock")).willReturn(success("{}")));
        TOKENX.server.stubFor(delete(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)).willReturn(success("{}")));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/open-basket")).willReturn(success("{}")));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/terminal")).willReturn(success("[]")));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/terminal/" + TERMINAL)).willReturn(success("{}")));

        Exchange details = send("direct:tokenx-get-basket", null,
                Map.of(TokenxHeaders.BASKET_ID, BASKET_ID, "terminal-id", TERMINAL));
        send("direct:tokenx-update-basket", basket(1000), Map.of("branch-id", BRANCH));
        send("direct:tokenx-unlock-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID, "branch-id", BRANCH));
        send("direct:tokenx-delete-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID));
        send("direct:tokenx-open-basket", null, Map.of("terminal-id", TERMINAL));
        send("direct:tokenx-terminals", null, Map.of("merchant-id", "m-1"));
        send("direct:tokenx-terminal", null, Map.of("terminal-id", TERMINAL));

        assertThat(details.getMessage().getBody(JsonNode.class).path("isLocked").asBoolean(true)).isFalse();
        TOKENX.server.verify(getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .withHeader("terminal-id", absent()).withHeader("Authorization", equalTo("Bearer token-1")));
        TOKENX.server.verify(putRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .withHeader("branch-id", equalTo(BRANCH))
                .withRequestBody(equalToJson("{\"basketID\":\"" + BASKET_ID + "\"}", true, true)));
        TOKENX.server.verify(postRequestedFor(urlPathEqualTo("/basket/v1/basket/unlock"))
                .withHeader("branch-id", equalTo(BRANCH))
                .withRequestBody(equalToJson("{\"basketID\":\"" + BASKET_ID + "\"}")));
        TOKENX.server.verify(deleteRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .withHeader("terminal-id", absent()).withHeader("branch-id", absent()));
        TOKENX.server.verify(getRequestedFor(urlPathEqualTo("/basket/v1/basket/open-basket"))
                .withHeader("terminal-id", equalTo(TERMINAL)));
        TOKENX.server.verify(getRequestedFor(urlPathEqualTo("/basket/v1/terminal"))
                .withHeader("merchant-id", equalTo("m-1")).withHeader("terminal-id", absent()));
        TOKENX.server.verify(getRequestedFor(urlPathEqualTo("/basket/v1/terminal/" + TERMINAL))
                .withHeader("terminal-id", equalTo(TERMINAL)));
    }

    @Test
    void aDuplicateOnCreateIsConfirmedWithAGetAndCountsAsCreated() {
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket"))
                .willReturn(error(400, 1007, "DB error: Duplicate record")));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(success("{\"basketID\":\"" + BASKET_ID + "\",\"status\":1}")));

        Exchange done = send("direct:tokenx-create-basket", basket(1000), Map.of("branch-id", BRANCH));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(TokenxHeaders.BASKET_ALREADY_EXISTED, Boolean.class)).isTrue();
        assertThat(done.getMessage().getBody(JsonNode.class).path("basketID").asText()).isEqualTo(BASKET_ID);
        TOKENX.server.verify(1, postRequestedFor(urlPathEqualTo("/basket/v1/basket")));
        TOKENX.server.verify(1, getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)));
    }

    @Test
    void aDuplicateThatIsNotOurBasketIsAnError() {
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket"))
                .willReturn(error(400, 1007, "DB error: Duplicate record")));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(error(404, 1006, "No record found")));

        TokenxException e = failure("direct:tokenx-create-basket", basket(1000), Map.of("branch-id", BRANCH));

        assertThat(e.code()).isEqualTo("1006");
        assertThat(e.kind()).isEqualTo(TokenxKind.PERMANENT);
    }

    // ---- Status codes ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "HTTP {0} status {1} -> {2} {3}")
    @CsvSource({
            "400, 6, 0006, PERMANENT", "400, 7, 0007, PERMANENT", "403, 9, 0009, PERMANENT",
            "403, 11, 0011, PERMANENT", "500, 12, 0012, RETRY", "400, 13, 0013, PERMANENT",
            "404, 1006, 1006, PERMANENT", "400, 1007, 1007, ALREADY_DONE", "400, 1013, 1013, PERMANENT",
            "400, 1018, 1018, RETRY_LATER", "400, 1100, 1100, RETRY_LATER", "400, 1101, 1101, RETRY_LATER",
            "400, 1102, 1102, ALREADY_DONE", "400, 1103, 1103, PERMANENT", "400, 1104, 1104, PERMANENT",
            "400, 1105, 1105, PERMANENT", "400, 1106, 1106, PERMANENT",
            "401, 1, 0001, RETRY", "401, 2, 0002, RETRY", "401, 3, 0003, RETRY", "401, 4, 0004, RETRY",
            "401, 5, 0005, RETRY",
            "429, 429, HTTP-429, RETRY", "500, 500, HTTP-500, RETRY", "502, 502, HTTP-502, RETRY",
            "503, 503, HTTP-503, RETRY", "403, 403, HTTP-403, PERMANENT", "404, 404, HTTP-404, PERMANENT",
            "429, 1100, 1100, RETRY"})
    void everyStatusCodeReachesTheCallerWithItsKindAndIsRetriedOnlyWhenRetryable(int httpStatus, int status,
            String code, TokenxKind kind) {
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(error(httpStatus, status, "described by TokenX")));

        TokenxException e = failure("direct:tokenx-get-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID));

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.description()).isEqualTo("described by TokenX");
        assertThat(e.httpStatus()).isEqualTo(httpStatus);
        int attempts = kind == TokenxKind.RETRY ? 1 + MAX_REDELIVERIES : 1;
        boolean tokenError = httpStatus == 401;
        TOKENX.server.verify(tokenError ? 2 * attempts : attempts,
                getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)));
    }

    @Test
    void aRefusedTokenIsDroppedAndTheCallSentOnceMoreWithANewOne() {
        TOKENX.server.stubFor(post(urlPathEqualTo("/auth/v1/auth/token")).inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(FakeTokenx.tokenAnswer("token-1", 900)));
        TOKENX.server.stubFor(post(urlPathEqualTo("/auth/v1/auth/token")).inScenario("tokens")
                .whenScenarioStateIs("second").willReturn(FakeTokenx.tokenAnswer("token-2", 900)));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(error(401, 2, "JWT token has expired and is no longer valid.")));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .withHeader("Authorization", equalTo("Bearer token-2")).willReturn(success("{}")));

        Exchange done = send("direct:tokenx-get-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID));

        assertThat(done.getException()).isNull();
        TOKENX.server.verify(2, postRequestedFor(urlPathEqualTo("/auth/v1/auth/token")));
        TOKENX.server.verify(1, getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .withHeader("Authorization", equalTo("Bearer token-1")));
        TOKENX.server.verify(1, getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .withHeader("Authorization", equalTo("Bearer token-2")));
        assertThat(tokenxCircuitBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void theTokenIsCachedAndRefreshedTheMarginBeforeItEnds() {
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)).willReturn(success("{}")));
        Map<String, Object> headers = Map.of(TokenxHeaders.BASKET_ID, BASKET_ID);

        send("direct:tokenx-get-basket", null, headers);
        send("direct:tokenx-get-basket", null, headers);
        clock.advance(Duration.ofSeconds(900 - 60 - 1));
        send("direct:tokenx-get-basket", null, headers);
        TOKENX.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v1/auth/token")));

        clock.advance(Duration.ofSeconds(1));
        send("direct:tokenx-get-basket", null, headers);
        TOKENX.server.verify(2, postRequestedFor(urlPathEqualTo("/auth/v1/auth/token")));
    }

    @Test
    void fiveHundredConcurrentCallsOnAnExpiredTokenMakeOneAuthCall() throws Exception {
        clock.advance(Duration.ofHours(1)); // whatever was cached has ended
        TOKENX.server.stubFor(post(urlPathEqualTo("/auth/v1/auth/token"))
                .willReturn(FakeTokenx.tokenAnswer("token-9", 900).withFixedDelay(300)));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)).willReturn(success("{}")));
        int calls = 500;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Exchange>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return send("direct:tokenx-get-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID));
                }));
            }
            start.countDown();
            for (Future<Exchange> result : results) {
                assertThat(result.get().getException()).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
        TOKENX.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v1/auth/token")));
        assertThat(TOKENX.server.findAll(getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))))
                .hasSizeGreaterThanOrEqualTo(calls)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer token-9"));
    }

    // ---- Timeouts, connection errors, circuit breaker ----------------------------------------------------------

    @Test
    void aSlowAnswerIsATimeoutAndIsRetried() {
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(success("{}").withFixedDelay(1500)));

        TokenxException e = failure("direct:tokenx-get-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID));

        assertThat(e.code()).isEqualTo("TIMEOUT");
        assertThat(e.kind()).isEqualTo(TokenxKind.RETRY);
        TOKENX.server.verify(1 + MAX_REDELIVERIES, getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)));
    }

    @Test
    void aDroppedConnectionIsRetried() {
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TokenxException e = failure("direct:tokenx-get-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID));

        assertThat(e.code()).isEqualTo("CONNECTION");
        assertThat(e.kind()).isEqualTo(TokenxKind.RETRY);
        TOKENX.server.verify(1 + MAX_REDELIVERIES, getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)));
    }

    @Test
    void theBreakerOpensFailsFastHalfOpensAndCloses() {
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(error(503, 503, "Service Unavailable")));
        Map<String, Object> headers = Map.of(TokenxHeaders.BASKET_ID, BASKET_ID);

        // Three failed attempts, then a fourth fills the window and opens the breaker: the last retry fails fast.
        assertThat(failure("direct:tokenx-get-basket", null, headers).kind()).isEqualTo(TokenxKind.RETRY);
        TokenxException opened = failure("direct:tokenx-get-basket", null, headers);
        assertThat(opened).isInstanceOf(TokenxUnavailableException.class);
        assertThat(opened.kind()).isEqualTo(TokenxKind.UNAVAILABLE);
        assertThat(tokenxCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        TOKENX.server.verify(4, getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)));

        // While open: nothing is sent, and health and metrics say so while readiness stays up.
        assertThat(failure("direct:tokenx-get-basket", null, headers)).isInstanceOf(TokenxUnavailableException.class);
        TOKENX.server.verify(4, getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)));
        assertThat(tokenxHealthDetails().get("circuitBreaker")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("state", "OPEN");
        assertThat(http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/health/readiness", String.class)).contains("\"status\":\"UP\"");
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", "tokenx", "state", "open").gauge()
                .value()).isEqualTo(1.0);

        // After the wait, one trial call is let through; it succeeds and the breaker closes.
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)).willReturn(success("{}")));
        clock.advance(Duration.ofSeconds(31));
        assertThat(send("direct:tokenx-get-basket", null, headers).getException()).isNull();
        assertThat(tokenxCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aHalfOpenBreakerThatFailsAgainReopens() {
        tokenxCircuitBreaker.transitionToOpenState();
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(error(500, 12, "Internal server error")));
        clock.advance(Duration.ofSeconds(31));

        TokenxException e = failure("direct:tokenx-get-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID));

        assertThat(e).isInstanceOf(TokenxUnavailableException.class);
        assertThat(tokenxCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        TOKENX.server.verify(1, getRequestedFor(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID)));
    }

    @Test
    void refusalsFromAWorkingTokenxNeverOpenTheBreaker() {
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/open-basket"))
                .willReturn(error(400, 1100, "There is already an open basket assigned to this terminal")));

        for (int i = 0; i < 10; i++) {
            assertThat(failure("direct:tokenx-open-basket", null, Map.of("terminal-id", TERMINAL)).kind())
                    .isEqualTo(TokenxKind.RETRY_LATER);
        }

        assertThat(tokenxCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        TOKENX.server.verify(10, getRequestedFor(urlPathEqualTo("/basket/v1/basket/open-basket")));
    }

    // ---- Fiscal parameters -------------------------------------------------------------------------------------

    @Test
    void aBasketTheTerminalCannotFiscaliseIsRefusedAndNotSent() {
        allowingFiscalParameters(); // a terminal no other test used: its parameters are not cached yet

        TokenxException rate = failure("direct:tokenx-create-basket", basket(1800), Map.of("terminal-id", "AV-fiscal-test"));
        assertThat(rate.code()).isEqualTo("FISCAL-MISMATCH");
        assertThat(rate.kind()).isEqualTo(TokenxKind.PERMANENT);
        assertThat(rate.description()).contains("item 1 'Pizza'").contains("18.00 %");

        TokenxException limit = failure("direct:tokenx-create-basket", basketOf(1000, 1, 150000),
                Map.of("terminal-id", "AV-fiscal-test"));
        assertThat(limit.description()).contains("receipt limit 100000");

        TOKENX.server.verify(0, postRequestedFor(urlPathEqualTo("/basket/v1/basket")));
        TOKENX.server.verify(1, getRequestedFor(urlPathEqualTo("/basket/v1/fiscal-parameters"))
                .withHeader("terminal-id", equalTo("AV-fiscal-test")));
    }

    @Test
    void fiscalParametersAreCachedPerTerminalForTheirTtl() {
        allowingFiscalParameters();
        Map<String, Object> headers = Map.of("terminal-id", "AV-cache-test");

        TokenxFiscalParameters first = producer.requestBodyAndHeaders("direct:tokenx-fiscal-parameters", null, headers,
                TokenxFiscalParameters.class);
        producer.requestBodyAndHeaders("direct:tokenx-fiscal-parameters", null, headers);
        clock.advance(Duration.ofMinutes(61));
        producer.requestBodyAndHeaders("direct:tokenx-fiscal-parameters", null, headers);

        assertThat(first.receiptLimit()).isEqualTo(100000L);
        assertThat(first.sections()).hasSize(3);
        TOKENX.server.verify(2, getRequestedFor(urlPathEqualTo("/basket/v1/fiscal-parameters"))
                .withHeader("terminal-id", equalTo("AV-cache-test")));
    }

    // ---- Client settings ---------------------------------------------------------------------------------------

    @Test
    void startUpDidNotWaitForClientSettingsAndASyncWritesThemWhenTheyDiffer() {
        // Start-up found TokenX failing (see startedFake): the app is ready anyway and health tells.
        assertThat(http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/health/readiness", String.class)).contains("\"status\":\"UP\"");

        TOKENX.server.stubFor(get(urlPathEqualTo("/settings/v1/client-settings"))
                .willReturn(success("{\"callbackUrl\":\"https://old.example/hook\",\"callbackAuthHeader\":\"x\"}")));
        TOKENX.server.stubFor(post(urlPathEqualTo("/settings/v1/client-settings")).willReturn(success("null")));

        TokenxClientSettingsSync.Status status = clientSettings.syncNow();

        assertThat(status.state()).isEqualTo(TokenxClientSettingsSync.State.IN_SYNC);
        TOKENX.server.verify(postRequestedFor(urlPathEqualTo("/settings/v1/client-settings"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("terminal-id", absent()).withHeader("branch-id", absent())
                .withRequestBody(equalToJson("{\"callbackUrl\":\"" + FakeTokenx.CALLBACK_URL
                        + "\",\"callbackAuthHeader\":\"" + FakeTokenx.CALLBACK_AUTH + "\"}")));
        assertThat(tokenxHealthDetails().get("clientSettings")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("state", TokenxClientSettingsSync.State.IN_SYNC);

        TOKENX.server.resetRequests();
        TOKENX.settingsMatch();
        clientSettings.syncNow();
        TOKENX.server.verify(0, postRequestedFor(urlPathEqualTo("/settings/v1/client-settings")));
    }

    @Test
    void anOperatorCanRunTheSyncOverTheAdminApi() {
        TOKENX.settingsMatch();
        assertThat(http.postForEntity("/api/tokenx/client-settings/sync", null, String.class).getStatusCode().value())
                .isEqualTo(401);

        var synced = http.withBasicAuth("admin", "test-admin-password")
                .postForEntity("/api/tokenx/client-settings/sync", null, String.class);
        assertThat(synced.getStatusCode().value()).isEqualTo(200);
        assertThat(synced.getBody()).contains("\"state\":\"IN_SYNC\"");

        TOKENX.server.stubFor(get(urlPathEqualTo("/settings/v1/client-settings")).willReturn(error(503, 12, "down")));
        assertThat(http.withBasicAuth("admin", "test-admin-password")
                .postForEntity("/api/tokenx/client-settings/sync", null, String.class).getStatusCode().value()).isEqualTo(502);
        TOKENX.settingsMatch();
    }

    // ---- Secrets -----------------------------------------------------------------------------------------------

    @Test
    void neitherSecretNorTokenNorCallbackAuthAppearsInTheLog(CapturedOutput output) {
        TOKENX.server.stubFor(post(urlPathEqualTo("/auth/v1/auth/token"))
                .willReturn(FakeTokenx.tokenAnswer("secret-token-value", 900)));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + BASKET_ID))
                .willReturn(error(503, 12, "Internal server error")));
        TOKENX.server.stubFor(get(urlPathEqualTo("/settings/v1/client-settings")).willReturn(success("{}")));
        TOKENX.server.stubFor(post(urlPathEqualTo("/settings/v1/client-settings")).willReturn(success("null")));

        failure("direct:tokenx-get-basket", null, Map.of(TokenxHeaders.BASKET_ID, BASKET_ID));
        failure("direct:tokenx-create-basket", basket(1000), Map.of("terminal-id", TERMINAL, "branch-id", BRANCH));
        clientSettings.syncNow();

        assertThat(output).contains("TokenX 0012 (RETRY)"); // the retries were logged, so there was output to check
        assertThat(output).doesNotContain(FakeTokenx.CLIENT_SECRET).doesNotContain("secret-token-value")
                .doesNotContain(FakeTokenx.BASIC.substring("Basic ".length()))
                .doesNotContain(FakeTokenx.CALLBACK_AUTH);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Exchange send(String endpoint, Object body, Map<String, Object> headers) {
        return producer.request(endpoint, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
    }

    private TokenxException failure(String endpoint, Object body, Map<String, Object> headers) {
        Exchange done = send(endpoint, body, headers);
        assertThat(done.getException()).isInstanceOf(TokenxException.class);
        return (TokenxException) done.getException();
    }

    private static void allowingFiscalParameters() {
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/fiscal-parameters")).willReturn(success("""
                {"sections":[{"sectionNo":1,"name":"Food","taxPercent":1000,"status":1},
                             {"sectionNo":2,"name":"Drinks","taxPercent":1000,"status":1},
                             {"sectionNo":3,"name":"Other","taxPercent":2000,"status":1}],
                 "receiptLimit":100000,"currencies":[{"id":949,"name":"TRY","rate":1}],"terminal":{"id":"AV00000000001"}}""")));
    }

    /** Pizza 150.00 and Cola 75.00, paid in cash; the pizza's tax rate as given. */
    private static TokenxBasket basket(int pizzaTax) {
        return new TokenxBasket(BASKET_ID, 16, "Masa 16", null, null,
                List.of(new TokenxBasket.Item("Pizza", 15000, 1, pizzaTax, 1000, null, null),
                        new TokenxBasket.Item("Cola", 7500, 2, 1000, 1000, "piece", null)),
                List.of(new TokenxBasket.Payment(1, 22500, null)), null, null, null, null);
    }

    private static TokenxBasket basketOf(int tax, int section, int price) {
        return new TokenxBasket(BASKET_ID, null, null, null, null,
                List.of(new TokenxBasket.Item("Pizza", price, section, tax, 1000, null, null)),
                List.of(new TokenxBasket.Payment(1, price, null)), null, null, null, null);
    }

}
