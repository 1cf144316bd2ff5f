package io.posbridge.ops.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.orders.BasketMapper;
import io.posbridge.support.FastOrders;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.LocalHttp;
import io.posbridge.tokenx.FakeTokenx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The metrics as a Prometheus server scrapes them, from the management port, after a small flow through both halves:
 * an order to its outcome and one TokenX refuses, webhooks (applied, repeated, for an unknown basket), Yoyo reserves,
 * a finalise and a token info. Every series docs/metrics.md lists must be served, with the type the page gives, and
 * the text must pass promtool's check; the page's table is the list, so the two cannot drift apart.
 */
@FreshPostgres
// Spring Boot's tests export no metrics unless asked: without this there would be no Prometheus registry to scrape.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "posbridge.metrics.gauge-refresh=200ms")
@ActiveProfiles("test")
class MetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PAGE = Path.of("docs/metrics.md");
    /** A row of the page's series table: name, type, labels, meaning. */
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([a-z_][a-z0-9_]*)` \\| (gauge|counter|summary|histogram) \\| (.*?) \\| (.*) \\|$");
    private static final Pattern LABEL = Pattern.compile("`([a-z_]+)`");
    private static final FakeTokenx TOKENX = new FakeTokenx().start();
    private static final Path WORK = temporaryFolder();
    private static final String TILL = "Bearer test-till-key";
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TOKENX.issues("access-1", 900);
        TOKENX.settingsMatch();
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(10)
                .willReturn(FakeTokenx.success("{}")));
        // One terminal's baskets TokenX refuses for good: items and payments do not add up.
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).withHeader("terminal-id", equalTo("T-REFUSE"))
                .atPriority(1).willReturn(FakeTokenx.error(400, 1103, "items and payments do not add up")));
        TOKENX.register(registry);
        FastOrders.register(registry, WORK);
    }

    @AfterAll
    static void stop() {
        TOKENX.server.stop();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient db;

    private final HttpClient http = HttpClient.newHttpClient();

    record Series(String name, String type, List<String> labels) {
    }

    @BeforeAll
    static void promtoolIsThere() {
        // Checked first so that a missing promtool fails at once with what to do, not after the flow.
        promtool();
    }

    @Test
    void everyDocumentedSeriesIsServedWithItsTypeAndTheFlowsValues() throws Exception {
        runTheFlow();

        // The gauges read the database at most every 200 ms here; wait for a scrape that has seen the flow's end.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            String text = scrape();
            assertThat(value(text, "posbridge_orders", Map.of("state", "COMPLETED"))).isEqualTo(1.0);
            assertThat(value(text, "posbridge_holds_pending", Map.of("currency", "ZAR"))).isEqualTo(1.0);
            assertThat(value(text, "posbridge_outcomes_due", Map.of())).isZero();
        });
        String text = scrape();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/metrics-scrape.txt"), text);

        List<Series> documented = documentedSeries();
        assertThat(documented).as("series rows in " + PAGE).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (Series series : documented) {
            if (!text.contains("\n# TYPE " + series.name() + " " + series.type() + "\n")) {
                problems.add(series.name() + ": no '# TYPE " + series.name() + " " + series.type() + "' line");
                continue;
            }
            List<String> samples = samples(text, series.name());
            if (samples.isEmpty()) {
                problems.add(series.name() + ": no sample");
            }
            for (String label : series.labels()) {
                if (samples.stream().noneMatch(s -> s.contains(label + "=\""))) {
                    problems.add(series.name() + ": no sample with label " + label);
                }
            }
        }
        assertThat(problems).as("documented in " + PAGE + " but not served so").isEmpty();

        // The flow's own values.
        assertThat(value(text, "posbridge_orders", Map.of("state", "REJECTED"))).isEqualTo(1.0);
        assertThat(value(text, "posbridge_orders_waiting", Map.of("reason", "terminal_busy"))).isZero();
        assertThat(value(text, "posbridge_baskets_sent_total", Map.of())).isEqualTo(1.0);
        assertThat(value(text, "posbridge_baskets_refused_total", Map.of("code", "1103"))).isEqualTo(1.0);
        assertThat(value(text, "posbridge_webhooks_total", Map.of("operation", "BASKET_COMPLETED", "outcome", "applied")))
                .isEqualTo(1.0);
        assertThat(value(text, "posbridge_webhooks_total", Map.of("operation", "BASKET_COMPLETED", "outcome", "duplicate")))
                .isEqualTo(1.0);
        assertThat(value(text, "posbridge_webhooks_total", Map.of("operation", "BASKET_LOCKED", "outcome", "unknown_basket")))
                .isEqualTo(1.0);
        assertThat(value(text, "posbridge_webhooks_total", Map.of("operation", "unknown", "outcome", "refused")))
                .isEqualTo(1.0);
        assertThat(value(text, "posbridge_tokenx_token_refreshes_total", Map.of("result", "success"))).isEqualTo(1.0);
        assertThat(value(text, "posbridge_yoyo_answers_total", Map.of("endpoint", "transaction", "code", "-1"))).isEqualTo(2.0);
        assertThat(value(text, "posbridge_yoyo_answers_total", Map.of("endpoint", "advise", "code", "-1"))).isEqualTo(1.0);
        assertThat(value(text, "posbridge_yoyo_answers_total", Map.of("endpoint", "token-info", "code", "6"))).isEqualTo(1.0);
        Map<String, String> zar = Map.of("currency", "ZAR", "direction", "debit");
        assertThat(value(text, "posbridge_holds_total", with(zar, "event", "created"))).isEqualTo(2.0);
        assertThat(value(text, "posbridge_holds_total", with(zar, "event", "finalised"))).isEqualTo(1.0);
        assertThat(value(text, "posbridge_hold_amount_cents_total", with(zar, "event", "created"))).isEqualTo(8500.0 + 1200.0);
        assertThat(value(text, "posbridge_hold_amount_cents_total", with(zar, "event", "finalised"))).isEqualTo(6000.0);
        assertThat(value(text, "posbridge_holds_pending_amount_cents", Map.of("currency", "ZAR"))).isEqualTo(1200.0);
        assertThat(value(text, "posbridge_holds_pending_oldest_age_seconds", Map.of())).isBetween(0.0, 600.0);
        assertThat(value(text, "posbridge_outcomes_oldest_due_age_seconds", Map.of())).isZero();
        assertThat(value(text, "resilience4j_circuitbreaker_state", Map.of("name", "tokenx", "state", "closed"))).isEqualTo(1.0);

        assertPromtoolAccepts(text);
    }

    @Test
    void actuatorAnswersOnTheManagementPortOnly() throws Exception {
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(get(managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(managementPort).isNotEqualTo(port);
    }

    /** An order to its outcome, one TokenX refuses, webhooks of each kind, Yoyo reserves, a finalise, a token info. */
    private void runTheFlow() throws Exception {
        assertThat(call("POST", port, "/api/orders", order("M-1", "T-M1"), TILL).statusCode()).isEqualTo(202);
        assertThat(call("POST", port, "/api/orders", order("M-2", "T-REFUSE"), TILL).statusCode()).isEqualTo(202);
        awaitState("M-1", "SENT");
        awaitState("M-2", "REJECTED");
        String basketId = BasketMapper.basketIdOf("M-1");
        assertThat(webhook(completed(basketId)).statusCode()).isEqualTo(200);
        assertThat(webhook(completed(basketId)).body()).contains("duplicate");
        assertThat(webhook("{\"operation\":\"BASKET_LOCKED\",\"data\":{\"basketID\":\"00000000-0000-0000-0000-000000000000\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(webhook("{\"operation\":42}").statusCode()).isEqualTo(400);
        awaitState("M-1", "COMPLETED");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(WORK.resolve("outbox").resolve("M-1.json")));

        admin("/api/accounts", "{\"id\":\"m-acc-1\",\"currency\":\"ZAR\"}");
        admin("/api/accounts/m-acc-1/credits", "{\"amount\":20000,\"reference\":\"opening-m-acc-1\"}");
        admin("/api/tokens", "{\"id\":\"8800001\",\"type\":\"WICODE\",\"accountId\":\"m-acc-1\"}");
        admin("/api/tokens", "{\"id\":\"8800002\",\"type\":\"WICODE\",\"accountId\":\"m-acc-1\"}");
        assertThat(yoyo("/yoyo/transaction", transaction("7001", "8800001", 8500)).path("responseCode").asText()).isEqualTo("-1");
        assertThat(yoyo("/yoyo/advise", finalise("7001", 6000)).path("responseCode").asText()).isEqualTo("-1");
        // Left pending: the pending-hold gauges have something to show.
        assertThat(yoyo("/yoyo/transaction", transaction("7002", "8800002", 1200)).path("responseCode").asText()).isEqualTo("-1");
        assertThat(yoyo("/yoyo/token-info", tokenInfo("8800002")).path("responseCode").asText()).isEqualTo("6");
    }

    // ---- the page ------------------------------------------------------------------------------------------------

    static List<Series> documentedSeries() throws IOException {
        List<Series> series = new ArrayList<>();
        for (String line : Files.readString(PAGE).lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                List<String> labels = new ArrayList<>();
                Matcher label = LABEL.matcher(row.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
                series.add(new Series(row.group(1), row.group(2), labels));
            }
        }
        return series;
    }

    // ---- promtool ------------------------------------------------------------------------------------------------

    private static String promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("promtool is not on the PATH: install Debian's prometheus package (apt-get install "
                + "--no-install-recommends prometheus); .ci/run does");
    }

    private static void assertPromtoolAccepts(String text) throws Exception {
        Process check = new ProcessBuilder(promtool(), "check", "metrics").redirectErrorStream(true).start();
        try (var stdin = check.getOutputStream()) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(check.exitValue()).as("promtool check metrics said:\n" + output).isZero();
    }

    // ---- the scrape ----------------------------------------------------------------------------------------------

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    /** The sample lines of one series (for a summary, its _count and _sum too). */
    private static List<String> samples(String text, String name) {
        return text.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " ") || l.startsWith(name + "_count")
                        || l.startsWith(name + "_sum"))
                .toList();
    }

    /** The value of the one sample of {@code name} that carries every label given; fails when none or several do. */
    private static double value(String text, String name, Map<String, String> labels) {
        List<String> matching = text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> labels.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
                .toList();
        assertThat(matching).as(name + " " + labels).hasSize(1);
        String line = matching.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(key, value);
        return all;
    }

    // ---- the flow's calls ----------------------------------------------------------------------------------------

    private static String order(String orderId, String terminalId) {
        return """
                {"orderId":"%s","terminalId":"%s",
                 "lines":[{"sku":"P-1","name":"Tea","unitPrice":"10.00","quantity":"1","vatRate":"10","section":1}],
                 "payments":[{"type":"CASH","amount":"10.00"}]}""".formatted(orderId, terminalId);
    }

    private static String completed(String basketId) {
        return """
                {"terminalId":"T-M1","operation":"BASKET_COMPLETED","operationDate":"2025-03-10T08:42:18.640Z",
                 "data":{"basketID":"%s","documentType":0,"message":"OK","paymentCount":1,
                  "paymentItems":[{"amount":1000,"type":1,"description":"Payment with cash"}],
                  "receiptNo":2,"status":0,"UUID":"u-1","zNo":87}}""".formatted(basketId);
    }

    private static String transaction(String wiTrxId, String tokenId, long amount) {
        return """
                {"wiTrxId":%s,"wiVspTrxId":657439,"token":{"id":"%s","type":"WICODE","vspReference":"ref-1"},
                 "type":"PAYMENT",
                 "storeTrxDetails":{"storeId":1050,"remoteStoreId":"10501","retailerId":999,"basketId":"basket1",
                   "trxId":"1","posId":"workstation1","cashierId":"cashier1"},
                 "totalAmount":%d,"basketAmount":%d,"cashBackAmount":0,
                 "products":[{"id":"sku-1","pricePerUnit":%d,"units":1}],
                 "vspCredentials":{"id":"DummyVSP","password":"test"},"discount":[]}
                """.formatted(wiTrxId, tokenId, amount, amount, amount);
    }

    private static String finalise(String wiTrxId, long amount) {
        return """
                {"action":"FINALISE",
                 "originalTrx":{"storeTrxDetails":{"storeId":1050,"basketId":"basket1","trxId":"1","posId":"8","cashierId":"Sam"},
                   "wiTrxId":%s,"wiVspTrxId":657469,"token":{"id":"8800001","type":"WICODE"},"type":"PAYMENT",
                   "totalAmountProcessed":%d},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}
                """.formatted(wiTrxId, amount);
    }

    private static String tokenInfo(String tokenId) {
        return """
                {"token":{"id":"%s","type":"WICODE"},"type":"PAYMENT","vspCredentials":{"id":"DummyVSP","password":"test"}}
                """.formatted(tokenId);
    }

    private JsonNode yoyo(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = call("POST", port, path, body, null);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private void admin(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = call("POST", port, path, body, ADMIN);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isBetween(200, 299);
    }

    private HttpResponse<String> webhook(String body) throws IOException, InterruptedException {
        return call("POST", port, "/webhooks/tokenx", body, FakeTokenx.CALLBACK_AUTH);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return call("GET", port, path, null, null);
    }

    private HttpResponse<String> call(String method, int port, String path, String body, String authorization) {
        return LocalHttp.send(port, method, path, body, authorization);
    }

    private void awaitState(String orderId, String state) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
                db.sql("SELECT state FROM orders WHERE order_id = ?").param(orderId).query(String.class).optional())
                .contains(state));
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("posbridge-metrics");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
