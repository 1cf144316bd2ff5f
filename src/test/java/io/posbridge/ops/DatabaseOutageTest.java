package io.posbridge.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.ledger.LedgerInvariants;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL out of reach (a TCP forwarder between posbridge and the database, cut and restored) or slow (a row lock
 * held elsewhere): every Yoyo call answers within posbridge.yoyo.deadline, with 99 and nothing written; orders and
 * webhooks are answered 503 with Retry-After; once the database is back everything goes through without a restart.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "posbridge.yoyo.deadline=3s")
@ActiveProfiles("test")
class DatabaseOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    /** How late an answer may be on a busy machine: the deadline is the promise, this is scheduling. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes(UTF_8));
    private static final List<String> TOKENS = List.of("8800001", "8800002", "8800003", "8800004");

    private static TcpProxy database;
    private static JdbcClient db;
    private static String realUrl;

    @DynamicPropertySource
    static void throughAProxy(DynamicPropertyRegistry registry) {
        realUrl = System.getProperty("spring.datasource.url");
        URI server = URI.create(realUrl.substring("jdbc:".length()));
        database = TcpProxy.to(server.getHost(), server.getPort());
        db = JdbcClient.create(new DriverManagerDataSource(realUrl, System.getProperty("spring.datasource.username"),
                System.getProperty("spring.datasource.password")));
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + database.port() + server.getRawPath());
    }

    @AfterAll
    static void closeProxy() {
        database.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void whileTheDatabaseIsOutOfReachEveryCallIsAnsweredInTimeAndNothingIsWritten() throws Exception {
        account("outage-1", TOKENS);
        long holds = count("holds");
        long orders = count("orders");
        long events = count("order_events");

        database.cut();
        try {
            List<CompletableFuture<Timed>> calls = IntStream.range(0, TOKENS.size())
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> timed("/yoyo/transaction",
                            transaction("77000" + i, TOKENS.get(i)), null)))
                    .toList();
            for (CompletableFuture<Timed> call : calls) {
                Timed answer = call.get();
                assertThat(answer.response().statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(answer.response().body()).path("responseCode").asText()).isEqualTo("99");
                assertThat(answer.took()).isLessThan(DEADLINE.plus(SLACK));
            }
            Timed info = timed("/yoyo/token-info", tokenInfo(TOKENS.get(0)), null);
            assertThat(JSON.readTree(info.response().body()).path("responseCode").asText()).isEqualTo("99");
            assertThat(info.took()).isLessThan(DEADLINE.plus(SLACK));

            Timed order = timed("/api/orders", order("OUT-1"), "Bearer test-till-key");
            assertThat(order.response().statusCode()).isEqualTo(503);
            assertThat(order.response().headers().firstValue("Retry-After")).contains("5");
            assertThat(JSON.readTree(order.response().body()).path("error").asText()).contains("send it again later");

            Timed webhook = timed("/webhooks/tokenx", "{\"operation\":\"BASKET_LOCKED\",\"data\":{\"basketID\":\"b-1\"}}",
                    "Bearer test-callback");
            assertThat(webhook.response().statusCode()).isEqualTo(503);
            assertThat(webhook.response().headers().firstValue("Retry-After")).contains("5");
        } finally {
            database.restore();
        }

        assertThat(count("holds")).isEqualTo(holds);
        assertThat(count("orders")).isEqualTo(orders);
        assertThat(count("order_events")).isEqualTo(events);

        // Back without a restart: the same calls, retried with the same ids, now go through, once each.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(JSON.readTree(
                timed("/yoyo/transaction", transaction("770000", TOKENS.get(0)), null).response().body())
                .path("responseCode").asText()).isEqualTo("-1"));
        for (int i = 1; i < TOKENS.size(); i++) {
            assertThat(JSON.readTree(timed("/yoyo/transaction", transaction("77000" + i, TOKENS.get(i)), null).response().body())
                    .path("responseCode").asText()).isEqualTo("-1");
        }
        assertThat(timed("/api/orders", order("OUT-1"), "Bearer test-till-key").response().statusCode()).isEqualTo(202);
        assertThat(count("holds")).isEqualTo(holds + TOKENS.size());
        LedgerInvariants.assertHold(db);
    }

    @Test
    void aCallThatWaitsOnALockPastItsDeadlineIsRolledBackAndAnswered99() throws Exception {
        account("locked-1", List.of("8900001"));
        long holds = count("holds");
        try (Connection other = DriverManager.getConnection(realUrl, System.getProperty("spring.datasource.username"),
                System.getProperty("spring.datasource.password"))) {
            other.setAutoCommit(false);
            other.createStatement().execute("SELECT * FROM accounts WHERE id = 'locked-1' FOR UPDATE");

            Timed answer = timed("/yoyo/transaction", transaction("780001", "8900001"), null);

            assertThat(JSON.readTree(answer.response().body()).path("responseCode").asText()).isEqualTo("99");
            assertThat(answer.took()).isLessThan(DEADLINE.plus(SLACK));
            other.rollback();
        }
        assertThat(count("holds")).isEqualTo(holds);
        assertThat(JSON.readTree(timed("/yoyo/transaction", transaction("780001", "8900001"), null).response().body())
                .path("responseCode").asText()).isEqualTo("-1");
        LedgerInvariants.assertHold(db);
    }

    private record Timed(HttpResponse<String> response, Duration took) {
    }

    private Timed timed(String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void account(String id, List<String> tokens) {
        admin("/api/accounts", "{\"id\":\"" + id + "\",\"currency\":\"ZAR\"}");
        admin("/api/accounts/" + id + "/credits", "{\"amount\":100000,\"reference\":\"open-" + id + "\"}");
        tokens.forEach(token -> admin("/api/tokens", "{\"id\":\"" + token + "\",\"type\":\"WICODE\",\"accountId\":\"" + id + "\"}"));
    }

    private void admin(String path, String body) {
        assertThat(timed(path, body, ADMIN).response().statusCode()).as(path).isEqualTo(201);
    }

    private static long count(String table) {
        return db.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static String transaction(String wiTrxId, String token) {
        return """
                {"wiTrxId":"%s","token":{"id":"%s","type":"WICODE"},"type":"PAYMENT",
                 "storeTrxDetails":{"storeId":"1050","basketId":"b1","trxId":"1","posId":"p1","cashierId":"c1"},
                 "totalAmount":1000,"basketAmount":1000,"cashBackAmount":0,
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}""".formatted(wiTrxId, token);
    }

    private static String tokenInfo(String token) {
        return """
                {"token":{"id":"%s","type":"WICODE"},"type":"PAYMENT","storeTrxDetails":{"storeId":"1050"},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}""".formatted(token);
    }

    private static String order(String orderId) {
        return """
                {"orderId":"%s","terminalId":"AV0000000001",
                 "lines":[{"sku":"P-1","name":"Pizza","unitPrice":"150.00","quantity":"1","vatRate":"10","section":1}],
                 "payments":[{"type":"CASH","amount":"150.00"}]}""".formatted(orderId);
    }
}
