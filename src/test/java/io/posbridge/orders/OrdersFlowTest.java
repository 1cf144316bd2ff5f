package io.posbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.support.FreshPostgres;
import io.posbridge.tokenx.FakeTokenx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.posbridge.support.FastOrders;

/**
 * Orders end to end against real PostgreSQL and RabbitMQ, with TokenX faked by WireMock: intake, per-terminal
 * turns, webhooks, TokenX outages, polling, outcomes.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrdersFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeTokenx TOKENX = new FakeTokenx().start();
    private static final Path WORK = temporaryFolder();
    private static final String QUEUE = "posbridge-test-orders-" + UUID.randomUUID();
    private static final String DEAD = QUEUE + "-dead";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TOKENX.issues("access-1", 900);
        TOKENX.settingsMatch();
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(10)
                .willReturn(FakeTokenx.success("{}")));
        TOKENX.server.stubFor(get(urlPathMatching("/basket/v1/basket/.*")).atPriority(10)
                .willReturn(FakeTokenx.success("{\"status\":0,\"isLocked\":false}")));
        TOKENX.server.stubFor(delete(urlPathMatching("/basket/v1/basket/.*")).atPriority(10)
                .willReturn(FakeTokenx.success("{}")));
        registry.add("posbridge.tokenx.auth-url", TOKENX::authUrl);
        registry.add("posbridge.tokenx.basket-url", TOKENX::basketUrl);
        registry.add("posbridge.tokenx.client-settings-url", TOKENX::settingsUrl);
        registry.add("posbridge.tokenx.fiscal-check.enabled", () -> "false");
        FastOrders.register(registry, WORK);
        registry.add("posbridge.tokenx.breaker.sliding-window-size", () -> "4");
        registry.add("posbridge.tokenx.breaker.minimum-number-of-calls", () -> "4");
        registry.add("posbridge.tokenx.breaker.wait-duration-in-open-state", () -> "1s");
        registry.add("posbridge.orders.max-retry-delay", () -> "1s");
        registry.add("posbridge.orders.poll-interval", () -> "300ms");
        registry.add("posbridge.orders.poll-after", () -> "3s");
        registry.add("posbridge.orders.queue-uri",
                () -> "spring-rabbitmq:posbridge.test.orders?queues=" + QUEUE + "&routingKey=" + QUEUE + "&autoDeclare=true");
        registry.add("posbridge.orders.queue-dead-letter-uri", () -> "spring-rabbitmq:default?routingKey=" + DEAD);
    }

    @AfterAll
    static void stop() {
        TOKENX.server.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin rabbitAdmin;

    private final HttpClient http = HttpClient.newHttpClient();

    static String order(String orderId, String terminalId) {
        return BasketMapperTest.ISSUE_EXAMPLE.replace("ORD-1001", orderId).replace("AV0000000001", terminalId);
    }

    @Test
    void anOrderPostedOverHttpIsStoredSentAndCompletedByWebhook() throws Exception {
        HttpResponse<String> posted = send("POST", "/api/orders", order("H-1", "T-H1"), null);
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(posted.headers().firstValue("Location")).contains("/api/orders/H-1");
        String basketId = BasketMapper.basketIdOf("H-1");

        awaitState("H-1", "SENT");
        TOKENX.server.verify(postRequestedFor(urlPathEqualTo("/basket/v1/basket"))
                .withHeader("terminal-id", equalTo("T-H1"))
                .withHeader("Authorization", equalTo("Bearer access-1"))
                .withRequestBody(matchingJsonPath("$.basketID", equalTo(basketId)))
                .withRequestBody(matchingJsonPath("$.items[0].price", equalTo("15000")))
                .withRequestBody(matchingJsonPath("$.paymentItems[0].amount", equalTo("22500"))));

        assertThat(webhook(completed(basketId, 0)).statusCode()).isEqualTo(200);
        awaitState("H-1", "COMPLETED");
        Path outcome = WORK.resolve("outbox").resolve("H-1.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(outcome));
        JsonNode published = JSON.readTree(Files.readString(outcome));
        assertThat(published.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(published.path("receiptNo").asInt()).isEqualTo(2);
        assertThat(published.path("zNo").asInt()).isEqualTo(87);
        assertThat(published.path("basketId").asText()).isEqualTo(basketId);
    }

    @Test
    void theSameOrderTwiceIsOneOrderAndChangedContentIsRefused() throws Exception {
        assertThat(send("POST", "/api/orders", order("D-1", "T-D1"), null).statusCode()).isEqualTo(202);
        assertThat(send("POST", "/api/orders", order("D-1", "T-D1").replace("\n", " "), null).statusCode()).isEqualTo(202);
        HttpResponse<String> changed = send("POST", "/api/orders", order("D-1", "T-D2"), null);
        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(changed.body()).contains("already received with different content");
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'D-1'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBadOrderGets400WithEveryProblemAndNothingIsStored() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/orders",
                "{\"orderId\":\"B-1\",\"terminalId\":\"T\",\"lines\":[{\"name\":\"x\",\"unitPrice\":\"1.001\",\"quantity\":\"1\","
                        + "\"vatRate\":\"10\"}],\"payments\":[]}", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("problems")).hasSize(2);
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'B-1'").query(Long.class).single()).isZero();
    }

    @Test
    void ordersForOneTerminalGoOutOneAfterAnotherInArrivalOrder() throws Exception {
        for (String id : List.of("Q-1", "Q-2", "Q-3")) {
            assertThat(send("POST", "/api/orders", order(id, "T-Q"), null).statusCode()).isEqualTo(202);
        }
        awaitState("Q-1", "SENT");
        Thread.sleep(500); // several dispatch rounds: the others must still wait their turn
        assertThat(state("Q-2")).isEqualTo("RECEIVED");
        assertThat(state("Q-3")).isEqualTo("RECEIVED");

        webhook(completed(BasketMapper.basketIdOf("Q-1"), 0));
        awaitState("Q-2", "SENT");
        assertThat(state("Q-3")).isEqualTo("RECEIVED");
        webhook(completed(BasketMapper.basketIdOf("Q-2"), -1));
        awaitState("Q-2", "CANCELLED");
        awaitState("Q-3", "SENT");
        List<String> sentOrder = db.sql("SELECT order_id FROM orders WHERE terminal_id = 'T-Q' ORDER BY sent_at")
                .query(String.class).list();
        assertThat(sentOrder).containsExactly("Q-1", "Q-2", "Q-3");
    }

    @Test
    void webhooksNeedOurAuthorizationAndDuplicatesOrLateOnesChangeNothing() throws Exception {
        send("POST", "/api/orders", order("W-1", "T-W"), null);
        awaitState("W-1", "SENT");
        String basketId = BasketMapper.basketIdOf("W-1");
        long events = eventCount();

        assertThat(send("POST", "/webhooks/tokenx", completed(basketId, 0), "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/webhooks/tokenx", completed(basketId, 0), null).statusCode()).isEqualTo(401);
        String overLimit = completed(basketId, 0)
                .replace("\"message\":", "\"padding\":\"" + "x".repeat(300 * 1024) + "\",\"message\":");
        assertThat(send("POST", "/webhooks/tokenx", overLimit, "Bearer test-callback").statusCode()).isEqualTo(413);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(state("W-1")).isEqualTo("SENT");

        webhook(locked(basketId));
        awaitState("W-1", "LOCKED");
        webhook(completed(basketId, 0));
        assertThat(webhook(completed(basketId, 0)).body()).contains("duplicate");
        awaitState("W-1", "COMPLETED");
        webhook(locked(basketId).replace("08:42:18", "08:42:19"));
        webhook(completed(basketId, 99));
        assertThat(state("W-1")).isEqualTo("COMPLETED");

        webhook("{\"operation\":\"BASKET_SOMETHING_NEW\",\"data\":{\"basketID\":\"not-ours\"}}");
        webhook("this is not json");
        assertThat(db.sql("SELECT count(*) FROM order_events WHERE operation IN ('BASKET_SOMETHING_NEW', 'UNREADABLE')")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theSameWebhookTwentyTimesAtOnceIsKeptOnceAndMovesTheOrderOnce() throws Exception {
        send("POST", "/api/orders", order("C-20", "T-C20"), null);
        awaitState("C-20", "SENT");
        String basketId = BasketMapper.basketIdOf("C-20");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> webhook(completed(basketId, 0))));
            }
            long firsts = 0;
            for (var answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).isEqualTo(200);
                firsts += response.body().contains("duplicate") ? 0 : 1;
            }
            assertThat(firsts).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        awaitState("C-20", "COMPLETED");
        String orderId = "C-20";
        assertThat(db.sql("SELECT count(*) FROM order_events WHERE order_id = ? AND kind = 'WEBHOOK'").param(orderId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM order_events WHERE order_id = ? AND kind = 'STATE' AND operation = 'COMPLETED'")
                .param(orderId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void whileTokenxIsDownOrdersWaitAndAllGoOutOnceItRecovers() throws Exception {
        var outage = TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(1)
                .withHeader("terminal-id", matching("T-DOWN-.*"))
                .willReturn(FakeTokenx.error(503, 12, "Internal server error")));
        for (int i = 0; i < 5; i++) {
            send("POST", "/api/orders", order("O-" + i, "T-DOWN-" + i), null);
        }
        for (int i = 0; i < 5; i++) {
            awaitState("O-" + i, "WAITING");
        }
        assertThat(JSON.readTree(send("GET", "/api/orders/O-0", null, null).body()).path("reason").asText())
                .startsWith("TokenX unavailable");

        TOKENX.server.removeStub(outage);
        for (int i = 0; i < 5; i++) {
            awaitState("O-" + i, "SENT");
        }
        for (int i = 0; i < 5; i++) {
            String basketId = BasketMapper.basketIdOf("O-" + i);
            long created = TOKENX.server.findAll(postRequestedFor(urlPathEqualTo("/basket/v1/basket"))
                    .withRequestBody(matchingJsonPath("$.basketID", equalTo(basketId)))).size();
            long successful = TOKENX.server.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().equals("/basket/v1/basket")
                            && e.getRequest().getBodyAsString().contains(basketId)
                            && e.getResponse().getStatus() == 200)
                    .count();
            assertThat(created).isGreaterThanOrEqualTo(1);
            assertThat(successful).as("basket %s created once", basketId).isEqualTo(1);
        }
    }

    @Test
    void anOrderWhoseSenderDiedIsSentAgainAndTokenxsDuplicateCountsAsCreated() throws Exception {
        String basketId = BasketMapper.basketIdOf("K-1");
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.basketID", equalTo(basketId)))
                .willReturn(FakeTokenx.error(400, 1007, "DB error: Duplicate record")));
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + basketId)).atPriority(1)
                .willReturn(FakeTokenx.success("{\"basketID\":\"" + basketId + "\",\"status\":0,\"isLocked\":false}")));
        send("POST", "/api/orders", order("K-1", "T-K"), null);
        awaitState("K-1", "SENT");
        // The replica that sent it "dies" before recording the answer: the order is left SENDING.
        db.sql("UPDATE orders SET state = 'SENDING', updated_at = updated_at - INTERVAL '1 day' WHERE order_id = 'K-1'").update();

        awaitState("K-1", "SENT");
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'K-1'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aLostWebhookIsRecoveredByPolling() throws Exception {
        String basketId = BasketMapper.basketIdOf("P-1");
        TOKENX.server.stubFor(get(urlPathEqualTo("/basket/v1/basket/" + basketId)).atPriority(1)
                .willReturn(FakeTokenx.success("{\"basketID\":\"" + basketId + "\",\"status\":1,\"isLocked\":false,"
                        + "\"sale\":{\"receiptNo\":9,\"zNo\":88,\"status\":0,\"message\":\"OK\","
                        + "\"paymentItems\":[{\"amount\":22500,\"type\":1}]}}")));
        send("POST", "/api/orders", order("P-1", "T-P"), null);
        awaitState("P-1", "SENT");
        await().atMost(Duration.ofSeconds(15)).until(() -> "COMPLETED".equals(state("P-1")));
        Path outcome = WORK.resolve("outbox").resolve("P-1.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(outcome));
        assertThat(JSON.readTree(Files.readString(outcome)).path("receiptNo").asInt()).isEqualTo(9);
    }

    @Test
    void filesInTheInboxAreTakenAndBadOnesLandInTheErrorFolderWithTheirReason() throws Exception {
        Path inbox = WORK.resolve("inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("f-1.json"), order("F-1", "T-F"));
        Files.writeString(inbox.resolve("broken.json"), "{\"orderId\":\"F-2\",\"terminalId\":\"T-F\",\"lines\":[]}");

        awaitState("F-1", "SENT");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox.resolve(".done/f-1.json")));
        Path report = WORK.resolve("error/broken.json.error.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(report));
        assertThat(Files.exists(WORK.resolve("error/broken.json"))).isTrue();
        assertThat(JSON.readTree(Files.readString(report)).path("problems").toString())
                .contains("lines: at least one line is required", "payments: at least one payment is required");
        assertThat(Files.exists(inbox.resolve("f-1.json"))).isFalse();
        assertThat(db.sql("SELECT source FROM orders WHERE order_id = 'F-1'").query(String.class).single()).isEqualTo("FILE");
    }

    @Test
    void ordersFromTheQueueAreStoredAndPoisonGoesToTheDeadLetterQueue() throws Exception {
        rabbitAdmin.declareQueue(new Queue(DEAD, false, false, true));
        rabbit.convertAndSend("posbridge.test.orders", QUEUE, order("R-1", "T-R").getBytes());
        rabbit.convertAndSend("posbridge.test.orders", QUEUE, "{\"orderId\":\"R-2\"}".getBytes());

        awaitState("R-1", "SENT");
        assertThat(db.sql("SELECT source FROM orders WHERE order_id = 'R-1'").query(String.class).single()).isEqualTo("QUEUE");
        var dead = rabbit.receive(DEAD, 10_000);
        assertThat(dead).isNotNull();
        assertThat(new String(dead.getBody())).contains("R-2");
        assertThat(dead.getMessageProperties().getHeaders().get("PosbridgeRefusal").toString())
                .contains("exactly one of terminalId and branchId is required");
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'R-2'").query(Long.class).single()).isZero();
    }

    @Test
    void cancellingDeletesTheBasketAtTokenx() throws Exception {
        send("POST", "/api/orders", order("C-1", "T-C"), null);
        awaitState("C-1", "SENT");
        HttpResponse<String> cancelled = send("DELETE", "/api/orders/C-1", null, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(state("C-1")).isEqualTo("DELETED");
        TOKENX.server.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlPathEqualTo("/basket/v1/basket/" + BasketMapper.basketIdOf("C-1"))));
        assertThat(send("DELETE", "/api/orders/C-1", null, null).statusCode()).isEqualTo(409);
        assertThat(send("GET", "/api/orders/nope", null, null).statusCode()).isEqualTo(404);
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern matching(String regex) {
        return com.github.tomakehurst.wiremock.client.WireMock.matching(regex);
    }

    static String completed(String basketId, int status) {
        return """
                {"terminalId":"AV00000000001","clientId":"ece000ef","operation":"BASKET_COMPLETED",
                 "operationDate":"2025-03-10T08:42:18.640Z",
                 "data":{"basketID":"%s","documentType":0,"invoiceID":"","message":"OK","paymentCount":1,
                  "paymentItems":[{"amount":22500,"type":1,"description":"Payment with cash"}],
                  "receiptNo":2,"status":%d,"UUID":"u-1","zNo":87}}""".formatted(basketId, status);
    }

    static String locked(String basketId) {
        return """
                {"terminalId":"AV00000000001","operation":"BASKET_LOCKED","operationDate":"2025-03-10 08:42:18",
                 "data":{"basketID":"%s","lockedBy":"cashier-1"}}""".formatted(basketId);
    }

    private HttpResponse<String> webhook(String body) throws IOException, InterruptedException {
        return send("POST", "/webhooks/tokenx", body, FakeTokenx.CALLBACK_AUTH);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitState(String orderId, String state) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(state(orderId)).isEqualTo(state));
    }

    private String state(String orderId) {
        return db.sql("SELECT state FROM orders WHERE order_id = ?").param(orderId).query(String.class).optional().orElse(null);
    }

    private long eventCount() {
        return db.sql("SELECT count(*) FROM order_events").query(Long.class).single();
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("posbridge-orders");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
