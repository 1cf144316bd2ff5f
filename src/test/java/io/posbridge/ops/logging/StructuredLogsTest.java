package io.posbridge.ops.logging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.posbridge.orders.BasketMapper;
import io.posbridge.support.FastOrders;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.LocalHttp;
import io.posbridge.tokenx.FakeTokenx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console as JSON (logging.structured.format.console=ecs, through logback-spring.xml) over one whole order, from
 * the HTTP intake to its published outcome, and one Yoyo transaction with its FINALISE: every line is JSON, the ids
 * are fields of their own on the lines about them and on no other line, and none of the secrets set below, each
 * distinctive, appears anywhere in the output.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Read when Spring Boot sets up logging, so given here rather than dynamically.
        "logging.structured.format.console=ecs",
        // The banner is printed before logging is set up, as text.
        "spring.main.banner-mode=off"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CLIENT_ID = "logs-client";
    private static final String CLIENT_SECRET = "client-secret-SECRET-7c1e9b";
    private static final String ACCESS_TOKEN = "access-token-SECRET-52d8f0";
    private static final String CALLBACK_AUTH = "Bearer callback-SECRET-a93e17";
    private static final String VSP_PASSWORD = "vsp-password-SECRET-0f6b2d";
    private static final String ADMIN_PASSWORD = "admin-password-SECRET-e4c7a1";
    private static final String TILL_KEY = "test-till-key";
    private static final String DATABASE_URL_PASSWORD = "database-url-password-SECRET-9e02c4";

    private static final String ORDER_ID = "LOGS-1";
    private static final String WI_TRX_ID = "7300451";

    private static final FakeTokenx TOKENX = new FakeTokenx().start();
    private static final Path WORK = temporaryFolder();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        TOKENX.server.stubFor(post(urlPathEqualTo("/auth/v1/auth/token")).withHeader("Authorization", equalTo(basic))
                .willReturn(FakeTokenx.tokenAnswer(ACCESS_TOKEN, 900)));
        TOKENX.server.stubFor(get(urlPathEqualTo("/settings/v1/client-settings")).willReturn(FakeTokenx.success(
                "{\"callbackUrl\":\"" + FakeTokenx.CALLBACK_URL + "\",\"callbackAuthHeader\":\"" + CALLBACK_AUTH + "\"}")));
        // The first send fails as TokenX does when it is briefly down, so the TokenX client logs a retry.
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .inScenario("basket").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed once")
                .willReturn(FakeTokenx.error(500, 12, "Internal server error")));
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .inScenario("basket").whenScenarioStateIs("failed once").willReturn(FakeTokenx.success("{}")));
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(10)
                .willReturn(aResponse().withStatus(401)));
        TOKENX.register(registry);
        registry.add("posbridge.tokenx.client-id", () -> CLIENT_ID);
        registry.add("posbridge.tokenx.client-secret", () -> CLIENT_SECRET);
        registry.add("posbridge.tokenx.callback-auth", () -> CALLBACK_AUTH);
        registry.add("posbridge.yoyo.vsp-password", () -> VSP_PASSWORD);
        registry.add("posbridge.admin.password", () -> ADMIN_PASSWORD);
        registry.add("spring.datasource.password", StructuredLogsTest::databasePassword);
        registry.add("spring.datasource.url",
                () -> System.getProperty("spring.datasource.url") + "?password=" + DATABASE_URL_PASSWORD);
        FastOrders.register(registry, WORK);
    }

    @AfterAll
    static void stop() {
        TOKENX.server.stop();
        // Spring Boot keeps the chosen format as a system property; the next test class's logging must not inherit it.
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;


    @Test
    void anOrderAndAYoyoPairLogJsonWithTheirIdsAsFieldsAndNoSecret(CapturedOutput output) throws Exception {
        String basketId = BasketMapper.basketIdOf(ORDER_ID);
        String order = Files.readString(Path.of("examples/orders/single-terminal.json")).replace("ORD-1001", ORDER_ID);
        assertThat(send("/api/orders", order, "Bearer " + TILL_KEY).statusCode()).isEqualTo(202);
        awaitState("SENT");
        assertThat(send("/webhooks/tokenx", locked(basketId), CALLBACK_AUTH).statusCode()).isEqualTo(200);
        assertThat(send("/webhooks/tokenx", completed(basketId), CALLBACK_AUTH).statusCode()).isEqualTo(200);
        awaitState("COMPLETED");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(WORK.resolve("outbox").resolve(ORDER_ID + ".json")));

        admin("/api/accounts", "{\"id\":\"logs-acc\",\"currency\":\"ZAR\"}");
        admin("/api/accounts/logs-acc/credits", "{\"amount\":10000,\"reference\":\"opening-logs\"}");
        admin("/api/tokens", "{\"id\":\"7012345\",\"type\":\"WICODE\",\"accountId\":\"logs-acc\"}");
        JsonNode reserved = JSON.readTree(send("/yoyo/transaction", transaction(), null).body());
        assertThat(reserved.path("responseCode").asText()).isEqualTo("-1");
        String vspTrxId = reserved.path("vspTrxId").asText();
        JsonNode finalised = JSON.readTree(send("/yoyo/advise", finalise(vspTrxId), null).body());
        assertThat(finalised.path("responseCode").asText()).isEqualTo("-1");

        List<JsonNode> lines = await().atMost(Duration.ofSeconds(5)).until(() -> parse(output.getOut()),
                parsed -> !linesAbout(parsed, "vspTrxId", vspTrxId).isEmpty()
                        && linesWithMessage(parsed, "order " + ORDER_ID + " COMPLETED").size() == 1);

        // The order: each step's line has its ids as fields, and the route it was logged on (SENT is recorded for
        // a group of orders, on the route that gathers them).
        assertThat(linesWithMessage(lines, "order " + ORDER_ID + " SENT as basket " + basketId)).singleElement()
                .satisfies(line -> assertIds(line, ORDER_ID, basketId, "orders-sent"));
        // Camel's own line on the TokenX client's retry is JSON too, with the route it ran under (Camel logs it
        // outside any step, so without the order's ids: docs/operations.md "Logs").
        assertThat(lines).filteredOn(line -> line.path("message").asText().contains("On delivery attempt: 0"))
                .singleElement().satisfies(line -> {
                    assertThat(line.path("message").asText()).contains("Internal server error");
                    assertThat(line.path("routeId").asText()).isNotBlank();
                });
        assertThat(linesWithMessage(lines, "order " + ORDER_ID + " LOCKED")).singleElement()
                .satisfies(line -> assertIds(line, ORDER_ID, basketId, "tokenx-webhook"));
        assertThat(linesWithMessage(lines, "order " + ORDER_ID + " COMPLETED")).singleElement()
                .satisfies(line -> assertIds(line, ORDER_ID, basketId, "tokenx-webhook"));

        // The Yoyo pair: wiTrxId on both, the vspTrxId posbridge gave on both.
        assertThat(linesWithMessage(lines, "yoyo-transaction wiTrxId=" + WI_TRX_ID)).singleElement().satisfies(line -> {
            assertThat(line.path("wiTrxId").asText()).isEqualTo(WI_TRX_ID);
            assertThat(line.path("vspTrxId").asText()).isEqualTo(vspTrxId);
            assertThat(line.path("routeId").asText()).isEqualTo("yoyo-transaction");
        });
        assertThat(linesWithMessage(lines, "yoyo-advise FINALISE wiTrxId=" + WI_TRX_ID)).singleElement().satisfies(line -> {
            assertThat(line.path("wiTrxId").asText()).isEqualTo(WI_TRX_ID);
            assertThat(line.path("vspTrxId").asText()).isEqualTo(vspTrxId);
            assertThat(line.path("routeId").asText()).isEqualTo("yoyo-advise");
        });

        // No id outlives its work: a line carrying an id is about that order or that Yoyo transaction.
        assertThat(lines).allSatisfy(line -> {
            if (line.has("orderId") || line.has("basketId")) {
                assertThat(line.path("message").asText()).containsAnyOf(ORDER_ID, basketId);
            }
            if (line.has("wiTrxId") || line.has("vspTrxId")) {
                assertThat(line.path("message").asText()).contains(WI_TRX_ID);
                assertThat(line.has("orderId") || line.has("basketId")).isFalse();
            }
        });

        assertThat(output.getAll()).doesNotContain(CLIENT_SECRET, ACCESS_TOKEN, CALLBACK_AUTH,
                CALLBACK_AUTH.substring("Bearer ".length()), VSP_PASSWORD, ADMIN_PASSWORD, TILL_KEY,
                databasePassword(), DATABASE_URL_PASSWORD);
    }

    /** Every line of standard output, each of which must be one JSON object. */
    private static List<JsonNode> parse(String out) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.lines().filter(Predicate.not(String::isBlank)).toList()) {
            try {
                JsonNode json = JSON.readTree(line);
                assertThat(json.isObject()).as("a JSON object: %s", line).isTrue();
                lines.add(json);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return lines;
    }

    private static List<JsonNode> linesWithMessage(List<JsonNode> lines, String start) {
        return lines.stream().filter(line -> line.path("message").asText().startsWith(start)).toList();
    }

    private static List<JsonNode> linesAbout(List<JsonNode> lines, String field, String value) {
        return lines.stream().filter(line -> line.path(field).asText().equals(value)).toList();
    }

    private static void assertIds(JsonNode line, String orderId, String basketId, String routeId) {
        assertThat(line.path("orderId").asText()).as("orderId of %s", line).isEqualTo(orderId);
        assertThat(line.path("basketId").asText()).as("basketId of %s", line).isEqualTo(basketId);
        assertThat(line.path("routeId").asText()).as("routeId of %s", line).isEqualTo(routeId);
        assertThat(line.has("wiTrxId")).isFalse();
    }

    private void awaitState(String state) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> state.equals(
                db.sql("SELECT state FROM orders WHERE order_id = ?").param(ORDER_ID).query(String.class)
                        .optional().orElse(null)));
    }

    private static String locked(String basketId) {
        return """
                {"terminalId":"AV0000000001","operation":"BASKET_LOCKED","operationDate":"2026-12-01 08:42:18",
                 "data":{"basketID":"%s","lockedBy":"AV0000000001"}}""".formatted(basketId);
    }

    private static String completed(String basketId) {
        return """
                {"terminalId":"AV0000000001","operation":"BASKET_COMPLETED","operationDate":"2026-12-01T08:42:20.640Z",
                 "data":{"basketID":"%s","documentType":0,"message":"OK","paymentCount":1,
                  "paymentItems":[{"amount":22500,"type":1,"description":"Payment with cash"}],
                  "receiptNo":1,"status":0,"zNo":1}}""".formatted(basketId);
    }

    private static String transaction() {
        return """
                {"wiTrxId":%s,"token":{"id":"7012345","type":"WICODE"},"type":"PAYMENT",
                 "storeTrxDetails":{"storeId":1050,"basketId":"basket1","trxId":"1","posId":"pos1","cashierId":"c1"},
                 "totalAmount":8500,"basketAmount":8500,"cashBackAmount":0,
                 "vspCredentials":{"id":"DummyVSP","password":"%s"}}""".formatted(WI_TRX_ID, VSP_PASSWORD);
    }

    private static String finalise(String vspTrxId) {
        return """
                {"action":"FINALISE","originalTrx":{"wiTrxId":%s,"vspTrxId":"%s","token":{"id":"7012345","type":"WICODE"},
                  "type":"PAYMENT","totalAmountProcessed":8500},
                 "vspCredentials":{"id":"DummyVSP","password":"%s"}}""".formatted(WI_TRX_ID, vspTrxId, VSP_PASSWORD);
    }

    private void admin(String path, String body) {
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(send(path, body, basic).statusCode()).as("admin %s", path).isBetween(200, 299);
    }

    private HttpResponse<String> send(String path, String body, String authorization) {
        return LocalHttp.send(port, "POST", path, body, authorization);
    }

    /**
     * The local PostgreSQL trusts its connections, so any password gets in and a distinctive one is set; a server
     * given with a password of its own (POSBRIDGE_TEST_JDBC_PASSWORD) keeps it, and that one is looked for.
     */
    private static String databasePassword() {
        String configured = System.getProperty("spring.datasource.password");
        return configured == null || configured.isBlank() ? "database-password-SECRET-3b9d55" : configured;
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("posbridge-structured-logs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
