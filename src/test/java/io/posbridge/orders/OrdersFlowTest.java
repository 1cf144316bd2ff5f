package io.posbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.LocalHttp;
import io.posbridge.support.RabbitBroker;
import io.posbridge.tokenx.FakeTokenx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
    private static final String TILL = "Bearer test-till-key";
    private static final FakeTokenx TOKENX = new FakeTokenx().start();
    private static final Path WORK = temporaryFolder();
    private static final String QUEUE = "posbridge-test-orders-" + UUID.randomUUID();
    private static final String DEAD = QUEUE + "-dead";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TOKENX.takesEveryBasket();
        TOKENX.register(registry);
        FastOrders.register(registry, WORK);
        registry.add("posbridge.tokenx.breaker.sliding-window-size", () -> "4");
        registry.add("posbridge.tokenx.breaker.minimum-number-of-calls", () -> "4");
        registry.add("posbridge.tokenx.breaker.wait-duration-in-open-state", () -> "1s");
        registry.add("posbridge.orders.max-retry-delay", () -> "1s");
        registry.add("posbridge.orders.poll-interval", () -> "300ms");
        registry.add("posbridge.orders.poll-after", () -> "3s");
        // The documented queue intake (posbridge declares its durable topology), under names of this run only.
        registry.add("posbridge.orders.queue-name", () -> QUEUE);
        registry.add("posbridge.orders.queue-exchange", () -> QUEUE);
        registry.add("posbridge.orders.dead-letter-exchange", () -> DEAD);
        registry.add("posbridge.orders.dead-letter-queue", () -> DEAD);
        registry.add("posbridge.orders.queue-uri", () -> "spring-rabbitmq:" + QUEUE + "?queues=" + QUEUE);
        registry.add("posbridge.orders.queue-dead-letter-uri", () -> "spring-rabbitmq:" + DEAD);
    }

    @AfterAll
    static void stop() {
        TOKENX.server.stop();
        RabbitBroker.delete(List.of(QUEUE, DEAD), List.of(QUEUE, DEAD));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    RabbitTemplate rabbit;

    private final HttpClient http = HttpClient.newHttpClient();

    static String order(String orderId, String terminalId) {
        return BasketMapperTest.ISSUE_EXAMPLE.replace("ORD-1001", orderId).replace("AV0000000001", terminalId);
    }

    @Test
    void anOrderPostedOverHttpIsStoredSentAndCompletedByWebhook() throws Exception {
        HttpResponse<String> posted = send("POST", "/api/orders", order("H-1", "T-H1"), TILL);
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
        assertThat(send("POST", "/api/orders", order("D-1", "T-D1"), TILL).statusCode()).isEqualTo(202);
        assertThat(send("POST", "/api/orders", order("D-1", "T-D1").replace("\n", " "), TILL).statusCode()).isEqualTo(202);
        HttpResponse<String> changed = send("POST", "/api/orders", order("D-1", "T-D2"), TILL);
        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(changed.body()).contains("already received with different content");
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'D-1'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBadOrderGets400WithEveryProblemAndNothingIsStored() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/orders",
                "{\"orderId\":\"B-1\",\"terminalId\":\"T\",\"lines\":[{\"name\":\"x\",\"unitPrice\":\"1.001\",\"quantity\":\"1\","
                        + "\"vatRate\":\"10\"}],\"payments\":[]}", TILL);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("problems")).hasSize(2);
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'B-1'").query(Long.class).single()).isZero();
    }

    @Test
    void ordersForOneTerminalGoOutOneAfterAnotherInArrivalOrder() throws Exception {
        for (String id : List.of("Q-1", "Q-2", "Q-3")) {
            assertThat(send("POST", "/api/orders", order(id, "T-Q"), TILL).statusCode()).isEqualTo(202);
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
        send("POST", "/api/orders", order("W-1", "T-W"), TILL);
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
        send("POST", "/api/orders", order("C-20", "T-C20"), TILL);
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

    /** TokenX took the basket but its answer never came (here: a 503 after the fact): its webhooks still decide. */
    @Test
    void aWebhookForAnOrderStillWaitingAppliesAndTheOrderIsNotSentAgain() throws Exception {
        var lostAnswer = TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(1)
                .withHeader("terminal-id", equalTo("T-LOST"))
                .willReturn(FakeTokenx.error(503, 12, "Internal server error")));
        try {
            send("POST", "/api/orders", order("L-1", "T-LOST"), TILL);
            awaitState("L-1", "WAITING");
            String basketId = BasketMapper.basketIdOf("L-1");
            webhook(locked(basketId));
            awaitState("L-1", "LOCKED");
            webhook(completed(basketId, 0));
            awaitState("L-1", "COMPLETED");
        } finally {
            TOKENX.server.removeStub(lostAnswer);
        }
    }

    @Test
    void whileTokenxIsDownOrdersWaitAndAllGoOutOnceItRecovers() throws Exception {
        var outage = TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(1)
                .withHeader("terminal-id", matching("T-DOWN-.*"))
                .willReturn(FakeTokenx.error(503, 12, "Internal server error")));
        for (int i = 0; i < 5; i++) {
            send("POST", "/api/orders", order("O-" + i, "T-DOWN-" + i), TILL);
        }
        for (int i = 0; i < 5; i++) {
            awaitState("O-" + i, "WAITING");
        }
        assertThat(JSON.readTree(send("GET", "/api/orders/O-0", null, TILL).body()).path("reason").asText())
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
        send("POST", "/api/orders", order("K-1", "T-K"), TILL);
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
        send("POST", "/api/orders", order("P-1", "T-P"), TILL);
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
    void ordersFromTheQueueAreStoredAndRefusedOnesGoToTheDeadLetterQueueAsTheyCameWithTheReason() throws Exception {
        rabbit.convertAndSend(QUEUE, QUEUE, order("R-1", "T-R").getBytes());
        rabbit.convertAndSend(QUEUE, QUEUE, "{\"orderId\":\"R-2\"}".getBytes());
        rabbit.convertAndSend(QUEUE, QUEUE, order("R-1", "T-R-CHANGED").getBytes());

        awaitState("R-1", "SENT");
        assertThat(db.sql("SELECT source FROM orders WHERE order_id = 'R-1'").query(String.class).single()).isEqualTo("QUEUE");
        // Two dead letters, in whichever order the broker hands them back.
        Map<String, org.springframework.amqp.core.Message> dead = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            var letter = rabbit.receive(DEAD, 10_000);
            assertThat(letter).as("dead letter " + (i + 1)).isNotNull();
            JsonNode body = JSON.readTree(letter.getBody());
            dead.put(body.path("orderId").asText() + "|" + body.path("terminalId").asText(), letter);
        }
        var missingDestination = dead.get("R-2|");
        assertThat(missingDestination).isNotNull();
        assertThat(missingDestination.getMessageProperties().getHeaders().get("PosbridgeRefusal").toString())
                .contains("exactly one of terminalId and branchId is required");
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'R-2'").query(Long.class).single()).isZero();

        // Refused by the store, after intake had read it: the dead letter is still the message as it came.
        var changed = dead.get("R-1|T-R-CHANGED");
        assertThat(changed).isNotNull();
        assertThat(changed.getMessageProperties().getHeaders().get("PosbridgeRefusal").toString())
                .contains("already received with different content");
        assertThat(db.sql("SELECT terminal_id FROM orders WHERE order_id = 'R-1'").query(String.class).single()).isEqualTo("T-R");
    }

    @Test
    void cancellingDeletesTheBasketAtTokenx() throws Exception {
        send("POST", "/api/orders", order("C-1", "T-C"), TILL);
        awaitState("C-1", "SENT");
        HttpResponse<String> cancelled = send("DELETE", "/api/orders/C-1", null, TILL);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(state("C-1")).isEqualTo("DELETED");
        TOKENX.server.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlPathEqualTo("/basket/v1/basket/" + BasketMapper.basketIdOf("C-1"))));
        assertThat(send("DELETE", "/api/orders/C-1", null, TILL).statusCode()).isEqualTo(409);
        assertThat(send("GET", "/api/orders/nope", null, TILL).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/orders/nope", null, TILL).statusCode()).isEqualTo(404);
    }

    @Test
    void theOrdersApiNeedsAKeyOfOneOfTheConfiguredClients() throws Exception {
        HttpResponse<String> anonymous = send("POST", "/api/orders", order("A-1", "T-A"), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"posbridge orders\"");
        assertThat(JSON.readTree(anonymous.body()).path("error").asText()).contains("API key is required");
        assertThat(send("POST", "/api/orders", order("A-1", "T-A"), "Bearer not-a-key").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/orders", order("A-1", "T-A"), "Basic dGlsbDp0ZXN0LXRpbGwta2V5").statusCode())
                .isEqualTo(401);
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'A-1'").query(Long.class).single()).isZero();

        // The second client's key, sent the other documented way.
        HttpResponse<String> keyed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .header("X-Api-Key", "test-till-key-2").POST(HttpRequest.BodyPublishers.ofString(order("A-1", "T-A"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(keyed.statusCode()).isEqualTo(202);
        awaitState("A-1", "SENT");

        assertThat(send("GET", "/api/orders/A-1", null, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/orders/A-1", null, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/orders/A-1", null, "Bearer test-till-key-3").statusCode()).isEqualTo(401);
        assertThat(state("A-1")).isEqualTo("SENT");
        assertThat(send("GET", "/api/orders/A-1", null, TILL).statusCode()).isEqualTo(200);
    }

    @Test
    void aCompletionWhoseStatusIsNotZeroMinusOneOr99IsKeptFlaggedAndMovesNothing() throws Exception {
        send("POST", "/api/orders", order("S-1", "T-S"), TILL);
        awaitState("S-1", "SENT");
        String basketId = BasketMapper.basketIdOf("S-1");
        List<String> unreadable = List.of("\"0\"", "null", "[0]", "{}", "0.0", "-1.0", "1", "98", "true", "\"paid\"",
                "4294967296", "-4294967297", "99.5");
        long flagged = 0;
        for (String status : unreadable) {
            HttpResponse<String> answer = webhook(completedWith(basketId, status));
            assertThat(answer.statusCode()).as(status).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("problem").asText()).as(status).contains("not 0, -1 or 99");
            assertThat(state("S-1")).as(status).isEqualTo("SENT");
            flagged++;
        }
        String missing = completedWith(basketId, "0").replace(",\"status\":0", "");
        assertThat(JSON.readTree(webhook(missing).body()).path("problem").asText()).contains("not 0, -1 or 99");
        assertThat(db.sql("SELECT count(*) FROM order_events WHERE order_id = 'S-1' AND problem IS NOT NULL")
                .query(Long.class).single()).isEqualTo(flagged + 1);
        assertThat(state("S-1")).isEqualTo("SENT");

        webhook(completed(basketId, -1));
        assertThat(state("S-1")).isEqualTo("CANCELLED");
    }

    @Test
    void aWebhookThatCannotBeStoredAsItIsIsRefusedWith400AndAReason() throws Exception {
        send("POST", "/api/orders", order("RW-1", "T-RW"), TILL);
        awaitState("RW-1", "SENT");
        String basketId = BasketMapper.basketIdOf("RW-1");
        String good = completed(basketId, 0);
        List<byte[]> hostile = List.of(
                good.replace("BASKET_COMPLETED", "B".repeat(65)).getBytes(UTF_8),
                good.replace(basketId, basketId + "-" + "x".repeat(64)).getBytes(UTF_8),
                good.replace("2025-03-10T08:42:18.640Z", "2025-03-10T08:42:18.640Z" + "0".repeat(100)).getBytes(UTF_8),
                locked(basketId).replace("cashier-1", "cashier-1" + "y".repeat(64)).getBytes(UTF_8),
                locked(basketId).replace("cashier-1", "cashier\\u0000-1").getBytes(UTF_8),
                good.replace(basketId, basketId.substring(0, 8) + "\\u0000").getBytes(UTF_8),
                good.replace("\"operation\":\"BASKET_COMPLETED\"", "\"operation\":{\"x\":1}").getBytes(UTF_8),
                good.replace("\"operation\":\"BASKET_COMPLETED\"", "\"operation\":\"BASKET\\nCOMPLETED\"").getBytes(UTF_8),
                (good + "\u0000").getBytes(UTF_8),
                gzip(good),
                good.replace("OK", "O\u00c0\u00afK").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                new byte[0]);
        long events = eventCount();
        for (byte[] body : hostile) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/tokenx"))
                    .header("Authorization", FakeTokenx.CALLBACK_AUTH).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String shown = new String(body, UTF_8);
            assertThat(answer.statusCode()).as(shown).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as(shown).isNotBlank();
            assertThat(answer.body()).as(shown).doesNotContain("java.", "Exception", "posbridge.");
        }
        assertThat(eventCount()).isEqualTo(events);
        assertThat(state("RW-1")).isEqualTo("SENT");
    }

    private static byte[] gzip(String text) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zipped = new java.util.zip.GZIPOutputStream(bytes)) {
            zipped.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern matching(String regex) {
        return com.github.tomakehurst.wiremock.client.WireMock.matching(regex);
    }

    static String completed(String basketId, int status) {
        return completedWith(basketId, String.valueOf(status));
    }

    static String completedWith(String basketId, String status) {
        return """
                {"terminalId":"AV00000000001","clientId":"ece000ef","operation":"BASKET_COMPLETED",
                 "operationDate":"2025-03-10T08:42:18.640Z",
                 "data":{"basketID":"%s","documentType":0,"invoiceID":"","message":"OK","paymentCount":1,
                  "paymentItems":[{"amount":22500,"type":1,"description":"Payment with cash"}],
                  "receiptNo":2,"status":%s,"UUID":"u-1","zNo":87}}""".formatted(basketId, status);
    }

    static String locked(String basketId) {
        return """
                {"terminalId":"AV00000000001","operation":"BASKET_LOCKED","operationDate":"2025-03-10 08:42:18",
                 "data":{"basketID":"%s","lockedBy":"cashier-1"}}""".formatted(basketId);
    }

    private HttpResponse<String> webhook(String body) throws IOException, InterruptedException {
        return send("POST", "/webhooks/tokenx", body, FakeTokenx.CALLBACK_AUTH);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) {
        return LocalHttp.send(port, method, path, body, authorization);
    }

    private void awaitState(String orderId, String state) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(state(orderId)).isEqualTo(state));
    }

    private String state(String orderId) {
        return db.sql("SELECT state FROM orders WHERE order_id = ?").param(orderId).query(String.class).optional().orElse(null);
    }

    /** Webhooks kept; not state changes, which other tests' orders may still be recording (SENT goes by group). */
    private long eventCount() {
        return db.sql("SELECT count(*) FROM order_events WHERE kind = 'WEBHOOK'").query(Long.class).single();
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("posbridge-orders");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
