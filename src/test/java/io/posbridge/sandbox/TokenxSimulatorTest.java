package io.posbridge.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.posbridge.support.MutableClock;
import io.posbridge.support.MutableClockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The simulator alone (profile tokenx-simulator: posbridge's halves off), called over HTTP the way a TokenX client
 * calls TokenX: TokenX's status codes for TokenX's mistakes, tokens that expire by the (controllable) clock, webhooks
 * to the registered callback with the registered Authorization, the fault switches. Devices lock a basket at once
 * here and never complete it, so a locked basket stays locked for as long as a test needs.
 */
// Closed after the class like every other app context in the suite: a cached one would keep its web server (and
// its Camel servlet, whose name must be unique in the JVM) running beside the next class's.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("tokenx-simulator")
@Import(MutableClockConfiguration.class)
class TokenxSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WireMockServer CALLBACK = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static final String ADMIN = basic("admin", "sandbox-admin");

    static {
        CALLBACK.start();
        CALLBACK.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(200)));
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("posbridge.sandbox.lock-after", () -> "10ms");
        registry.add("posbridge.sandbox.complete-after", () -> "1h");
    }

    @AfterAll
    static void stop() {
        CALLBACK.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Clock appClock;

    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    record Answer(int http, JsonNode body) {
        int status() {
            return body.path("status").asInt();
        }
    }

    @BeforeEach
    void tokenAndCallback() {
        token = "Bearer " + call("POST", "/auth/token", null, Map.of("Authorization",
                basic("sandbox-client", "sandbox-secret"))).body().path("result").path("accessToken").asText();
        assertThat(call("POST", "/client-settings", "{\"callbackUrl\":\"" + CALLBACK.baseUrl() + "/hooks\","
                + "\"callbackAuthHeader\":\"Bearer hook-secret\"}", Map.of()).http()).isEqualTo(200);
    }

    @AfterEach
    void noFaults() {
        admin("DELETE", null, ADMIN);
    }

    @Test
    void theClockIsTheApplicationsSoTokensExpireWhenItMoves() {
        assertThat(appClock).isSameAs(clock);
    }

    @Test
    void issuesTokensForTheClientCredentialsOnlyAndTheyExpire() {
        Answer issued = call("POST", "/auth/token", null, Map.of("Authorization", basic("sandbox-client", "sandbox-secret")));
        assertThat(issued.http()).isEqualTo(200);
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.body().path("result").path("expiresIn").asLong()).isEqualTo(900);
        assertThat(issued.body().path("result").path("tokenType").asText()).isEqualTo("Bearer");

        Answer wrong = call("POST", "/auth/token", null, Map.of("Authorization", basic("sandbox-client", "guess")));
        assertThat(wrong.http()).isEqualTo(401);
        assertThat(call("POST", "/auth/token", null, Map.of()).status()).isEqualTo(4);

        assertThat(call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1")).status()).isZero();
        assertThat(call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1", "Authorization", "")).status())
                .as("no Authorization").isEqualTo(4);
        assertThat(call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1", "Authorization", "Bearer forged"))
                .status()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(899));
        assertThat(call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1")).status()).isZero();
        clock.advance(Duration.ofSeconds(1));
        Answer expired = call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1"));
        assertThat(expired.http()).isEqualTo(401);
        assertThat(expired.status()).isEqualTo(2);
        assertThat(expired.body().path("description").asText()).isEqualTo("JWT token has expired and is no longer valid.");
    }

    @Test
    void exactlyOneContextHeader() {
        String basket = basket(UUID.randomUUID().toString(), 15000, 15000);
        Answer none = call("POST", "/basket", basket, Map.of());
        assertThat(none.http()).isEqualTo(400);
        assertThat(none.status()).isEqualTo(6);
        Answer two = call("POST", "/basket", basket, Map.of("terminal-id", "AV0000000001", "branch-id", "BR-ISTANBUL-1"));
        assertThat(two.status()).isEqualTo(7);
        assertThat(call("GET", "/fiscal-parameters", null, Map.of()).status()).isEqualTo(6);
        assertThat(call("GET", "/terminal", null, Map.of("terminal-id", "AV0000000001", "merchant-id", "MERCHANT-1"))
                .status()).isEqualTo(7);
    }

    @Test
    void refusesBasketsWhoseTotalsDifferAndDuplicates() {
        String id = UUID.randomUUID().toString();
        Answer differ = call("POST", "/basket", basket(id, 15000, 10000), Map.of("terminal-id", "AV0000000004"));
        assertThat(differ.http()).isEqualTo(400);
        assertThat(differ.status()).isEqualTo(1103);

        assertThat(call("POST", "/basket", basket(id, 15000, 15000), Map.of("terminal-id", "AV0000000004")).status()).isZero();
        assertThat(call("POST", "/basket", basket(id, 15000, 15000), Map.of("branch-id", "BR-ANKARA-1")).status())
                .isEqualTo(1007);
        assertThat(call("GET", "/basket/" + UUID.randomUUID(), null, Map.of()).status()).isEqualTo(1006);
        assertThat(call("POST", "/basket", basket(UUID.randomUUID().toString(), 15000, 15000),
                Map.of("terminal-id", "AV9999999999")).status()).isEqualTo(1106);
        assertThat(call("POST", "/basket", "{\"basketID\":\"x\",\"items\":[]}", Map.of("terminal-id", "AV0000000004"))
                .status()).isEqualTo(1013);
    }

    @Test
    void instantBasketsOnlyOnInstantModeTerminals() {
        Answer listMode = call("POST", "/instant-basket", basket(UUID.randomUUID().toString(), 2000, 2000),
                Map.of("terminal-id", "AV0000000001"));
        assertThat(listMode.http()).isEqualTo(400);
        assertThat(listMode.status()).isEqualTo(1104);
        assertThat(call("POST", "/instant-basket", basket(UUID.randomUUID().toString(), 2000, 2000),
                Map.of("branch-id", "BR-ISTANBUL-1")).status()).as("never to a branch").isEqualTo(1013);

        String id = UUID.randomUUID().toString();
        Answer instant = call("POST", "/instant-basket", basket(id, 2000, 2000), Map.of("terminal-id", "AV0000000002"));
        assertThat(instant.status()).isZero();
        assertThat(instant.body().path("result").path("instant").asBoolean()).isTrue();
    }

    @Test
    void aBusyTerminalTakesNoSecondBasketAndALockedBasketCannotChangeUntilUnlocked() {
        String first = UUID.randomUUID().toString();
        assertThat(call("POST", "/basket", basket(first, 15000, 15000), Map.of("terminal-id", "AV0000000003")).status())
                .isZero();
        Answer busy = call("POST", "/basket", basket(UUID.randomUUID().toString(), 15000, 15000),
                Map.of("terminal-id", "AV0000000003"));
        assertThat(busy.http()).isEqualTo(400);
        assertThat(busy.status()).isEqualTo(1100);

        // The device locks it and says so, by webhook, to the registered URL with the registered Authorization.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> CALLBACK.verify(postRequestedFor(urlPathEqualTo("/hooks"))
                .withHeader("Authorization", equalTo("Bearer hook-secret"))
                .withRequestBody(matchingJsonPath("$.operation", equalTo("BASKET_LOCKED")))
                .withRequestBody(matchingJsonPath("$.terminalId", equalTo("AV0000000003")))
                .withRequestBody(matchingJsonPath("$.clientId", equalTo("sandbox-client")))
                .withRequestBody(matchingJsonPath("$.data.basketID", equalTo(first)))
                .withRequestBody(matchingJsonPath("$.data.lockedBy", equalTo("AV0000000003")))));
        JsonNode details = call("GET", "/basket/" + first, null, Map.of()).body().path("result");
        assertThat(details.path("isLocked").asBoolean()).isTrue();
        assertThat(details.path("total").asLong()).isEqualTo(15000);
        assertThat(call("GET", "/basket/open-basket", null, Map.of("terminal-id", "AV0000000003")).body()
                .path("result").path("basketID").asText()).isEqualTo(first);

        assertThat(call("DELETE", "/basket/" + first, null, Map.of()).status()).isEqualTo(1018);
        assertThat(call("PUT", "/basket/" + first, basket(first, 15000, 15000), Map.of("terminal-id", "AV0000000003"))
                .status()).isEqualTo(1018);

        Answer unlocked = call("POST", "/basket/unlock", "{\"basketID\":\"" + first + "\"}",
                Map.of("terminal-id", "AV0000000003"));
        assertThat(unlocked.status()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> CALLBACK.verify(postRequestedFor(urlPathEqualTo("/hooks"))
                .withRequestBody(matchingJsonPath("$.operation", equalTo("BASKET_UNLOCKED")))
                .withRequestBody(matchingJsonPath("$.data.basketID", equalTo(first)))));
    }

    @Test
    void fiscalParametersComeFromTheSettings() {
        JsonNode result = call("GET", "/fiscal-parameters", null, Map.of("terminal-id", "AV0000000005")).body().path("result");
        assertThat(result.path("sections")).hasSize(2);
        assertThat(result.path("sections").get(1).path("sectionNo").asInt()).isEqualTo(2);
        assertThat(result.path("sections").get(1).path("taxPercent").asInt()).isEqualTo(100);
        assertThat(result.path("receiptLimit").asLong()).isEqualTo(10000000);
        assertThat(call("GET", "/fiscal-parameters", null, Map.of("branch-id", "BR-ANKARA-1")).status()).isEqualTo(1013);
        JsonNode branch = call("GET", "/terminal", null, Map.of("branch-id", "BR-ISTANBUL-1")).body().path("result");
        assertThat(branch.findValuesAsText("terminalId")).containsExactly("AV0000000001", "AV0000000002", "AV0000000003");
        assertThat(call("GET", "/terminal/AV0000000002", null, Map.of("terminal-id", "AV0000000002")).body()
                .path("result").path("mode").asText()).isEqualTo("INSTANT");
    }

    @Test
    void theFaultSwitchesNeedTheAdminAndMakeTokenxFail() {
        assertThat(admin("POST", "{\"down\":true}", null).http()).isEqualTo(401);
        assertThat(call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1")).status()).isZero();

        assertThat(admin("POST", "{\"down\":true}", ADMIN).body().path("down").asBoolean()).isTrue();
        Answer down = call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1"));
        assertThat(down.http()).isEqualTo(503);
        assertThat(call("POST", "/auth/token", null, Map.of("Authorization", basic("sandbox-client", "sandbox-secret")))
                .http()).isEqualTo(503);

        admin("DELETE", null, ADMIN);
        assertThat(admin("POST", "{\"failureRate\":1.0}", ADMIN).body().path("failureRate").asDouble()).isEqualTo(1.0);
        Answer failing = call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1"));
        assertThat(failing.http()).isEqualTo(500);
        assertThat(failing.status()).isEqualTo(12);

        assertThat(admin("POST", "{\"failureRate\":0,\"delay\":\"50ms\"}", ADMIN).body().path("delay").asText())
                .isEqualTo("50ms");
        assertThat(call("GET", "/terminal", null, Map.of("merchant-id", "MERCHANT-1")).status()).isZero();
        assertThat(admin("POST", "{\"failureRate\":2}", ADMIN).http()).isEqualTo(400);
        assertThat(admin("DELETE", null, ADMIN).body().path("delay").asText()).isEqualTo("0ms");
    }

    /** A basket of one item (price in kuruş, one unit, 10 % VAT in section 1) paid in cash. */
    private static String basket(String id, long price, long paid) {
        return """
                {"basketID":"%s","items":[{"name":"Pizza","price":%d,"sectionNo":1,"taxPercent":1000,"quantity":1000}],
                 "paymentItems":[{"type":1,"amount":%d}]}""".formatted(id, price, paid);
    }

    private Answer call(String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", token == null ? "" : token);
        all.putAll(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/tokenx/v1" + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        all.forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        return send(request.build());
    }

    private Answer admin(String method, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/tokenx/faults"))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
