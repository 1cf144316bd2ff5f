package io.posbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.ledger.Account;
import io.posbridge.ledger.Accounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.posbridge.support.FastOrders;

/**
 * The newcomer's path: posbridge in the sandbox profile on an embedded H2 database, its TokenX URLs pointing at the
 * simulator on the same port, driven the way the README's Quick start does it: example orders dropped into the
 * inbox, examples/yoyo/demo.sh run with bash, the simulator's fault switch flipped.
 *
 * <p>The sandbox's TokenX URLs follow {@code server.port}, so the app runs on a free port this class picks
 * (DEFINED_PORT) rather than on a random one, which would leave the URLs at port 0. Delays are shortened; nothing
 * else differs from {@code ./mvnw spring-boot:run}.
 */
// Closed after the class like every other app context in the suite: a cached one would keep its web server (and
// its Camel servlet, whose name must be unique in the JVM) running beside the next class's.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("sandbox")
class SandboxNewcomerPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("examples");
    private static final Path WORK = temporaryFolder();
    private static final int PORT = freePort();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:sandbox-admin".getBytes(StandardCharsets.UTF_8));

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        // A free port too, not the default 9090, which another posbridge on this machine may hold.
        registry.add("management.server.port", () -> 0);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sandbox-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        FastOrders.register(registry, WORK);
        registry.add("posbridge.orders.max-retry-delay", () -> "500ms");
        registry.add("posbridge.tokenx.breaker.wait-duration-in-open-state", () -> "500ms");
        registry.add("posbridge.sandbox.lock-after", () -> "150ms");
        registry.add("posbridge.sandbox.complete-after", () -> "150ms");
    }

    /** What each valid example order must come to. */
    private static final Map<String, String> EXAMPLE_ORDERS = Map.of(
            "single-terminal.json", "ORD-1001",
            "branch.json", "ORD-2001",
            "instant.json", "ORD-3001",
            "discount.json", "ORD-4001",
            "several-payments.json", "ORD-5001",
            "kilograms.json", "ORD-6001");

    @Autowired
    JdbcClient db;

    @Autowired
    Accounts accounts;

    @Autowired
    SimulatedBaskets simulator;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyExampleOrderReachesItsOutcomeAndTheWrongOneIsRefusedWithItsReason() throws Exception {
        try (var files = Files.list(EXAMPLES.resolve("orders"))) {
            for (Path example : files.toList()) {
                drop(example.getFileName().toString(), Files.readString(example));
            }
        }

        for (Map.Entry<String, String> example : EXAMPLE_ORDERS.entrySet()) {
            JsonNode order = JSON.readTree(EXAMPLES.resolve("orders").resolve(example.getKey()).toFile());
            JsonNode outcome = awaitOutcome(example.getValue());
            assertThat(outcome.path("state").asText()).as(example.getKey()).isEqualTo("COMPLETED");
            assertThat(outcome.path("receiptNo").asInt()).as(example.getKey()).isPositive();
            // The device was paid exactly what the till said, payment by payment.
            long paid = 0;
            for (JsonNode payment : outcome.path("payments")) {
                paid += payment.path("amount").asLong();
            }
            long ordered = 0;
            for (JsonNode payment : order.path("payments")) {
                ordered += new java.math.BigDecimal(payment.path("amount").asText()).movePointRight(2).longValueExact();
            }
            assertThat(paid).as(example.getKey()).isEqualTo(ordered);
            assertThat(outcome.path("payments")).as(example.getKey()).hasSize(order.path("payments").size());
        }
        // Each went where the till sent it: its terminal, or a list-mode terminal of its branch.
        assertThat(lockedBy("ORD-1001")).isEqualTo("AV0000000001");
        assertThat(lockedBy("ORD-3001")).isEqualTo("AV0000000002");
        assertThat(lockedBy("ORD-6001")).isEqualTo("AV0000000005");
        assertThat(lockedBy("ORD-2001")).isIn("AV0000000001", "AV0000000003");
        assertThat(simulator.details(io.posbridge.orders.BasketMapper.basketIdOf("ORD-3001")).path("instant").asBoolean())
                .isTrue();

        Path report = WORK.resolve("error").resolve("wrong-total.json.error.json");
        await().atMost(PATIENCE).until(() -> Files.exists(report));
        assertThat(WORK.resolve("error").resolve("wrong-total.json")).exists();
        assertThat(JSON.readTree(report.toFile()).path("problems").get(0).asText())
                .isEqualTo("payments add up to 100.00 but the lines come to 150.00");
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = 'ORD-9001'").query(Long.class).single()).isZero();
    }

    @Test
    void theYoyoDemoScriptGetsTheExpectedCodesAndMovesTheDemoBalance() throws Exception {
        Account opened = accounts.find("demo-1").orElseThrow();
        assertThat(opened.balance()).isEqualTo(100000);
        assertThat(opened.held()).isZero();
        assertThat(accounts.token("1234567")).hasValueSatisfying(t -> assertThat(t.accountId()).isEqualTo("demo-1"));

        String first = runDemo();
        assertThat(first).contains("1. token info", "responseCode -1: ok", "6. finalise after the reverse",
                        "responseCode 13: ok", "all answers as expected")
                .doesNotContain("UNEXPECTED");
        assertThat(countOf(first, "responseCode -1: ok")).isEqualTo(5);
        assertThat(accounts.find("demo-1").orElseThrow().balance()).isEqualTo(100000 - 8500);

        // Again: fresh transaction ids, the same answers, another 85.00 spent.
        assertThat(runDemo()).contains("all answers as expected");
        Account after = accounts.find("demo-1").orElseThrow();
        assertThat(after.balance()).isEqualTo(100000 - 2 * 8500);
        assertThat(after.held()).isZero();
    }

    @Test
    void whileTheSimulatorIsDownAnOrderWaitsAndOnceItIsUpTheOrderCompletes() throws Exception {
        assertThat(faults("POST", "{\"down\":true}", null).statusCode()).as("the switch needs the admin password")
                .isEqualTo(401);
        assertThat(faults("POST", "{\"down\":true}", ADMIN).body()).contains("\"down\":true");
        try {
            drop("down.json", Files.readString(EXAMPLES.resolve("orders").resolve("several-payments.json"))
                    .replace("ORD-5001", "ORD-DOWN-1"));

            await().atMost(PATIENCE).until(() -> "WAITING".equals(state("ORD-DOWN-1")));
            assertThat(db.sql("SELECT reason FROM orders WHERE order_id = 'ORD-DOWN-1'").query(String.class).single())
                    .contains("TokenX is down");
            // Still down: it is tried again and goes on waiting; no basket reaches the simulator's devices.
            await().atMost(PATIENCE).until(() -> attempts("ORD-DOWN-1") >= 2 && "WAITING".equals(state("ORD-DOWN-1")));
            assertThatThrownBy(() -> simulator.details(io.posbridge.orders.BasketMapper.basketIdOf("ORD-DOWN-1")))
                    .isInstanceOf(TokenxError.class);
        } finally {
            assertThat(faults("DELETE", null, ADMIN).body()).contains("\"down\":false");
        }
        assertThat(awaitOutcome("ORD-DOWN-1").path("state").asText()).isEqualTo("COMPLETED");
    }

    /** Puts an order file into the inbox whole: written under another name, then renamed. */
    private static void drop(String name, String content) throws IOException {
        Path inbox = Files.createDirectories(WORK.resolve("inbox"));
        Path partial = inbox.resolve(name + ".part");
        Files.writeString(partial, content);
        Files.move(partial, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private JsonNode awaitOutcome(String orderId) throws IOException {
        Path outcome = WORK.resolve("outbox").resolve(orderId + ".json");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(outcome)
                && Files.size(outcome) > 0);
        return JSON.readTree(outcome.toFile());
    }

    private String lockedBy(String orderId) {
        return simulator.details(io.posbridge.orders.BasketMapper.basketIdOf(orderId)).path("lockedBy").asText();
    }

    private String state(String orderId) {
        return db.sql("SELECT state FROM orders WHERE order_id = ?").param(orderId).query(String.class).optional()
                .orElse(null);
    }

    private int attempts(String orderId) {
        return db.sql("SELECT attempts FROM orders WHERE order_id = ?").param(orderId).query(Integer.class).single();
    }

    private String runDemo() throws IOException, InterruptedException {
        Process demo = new ProcessBuilder("bash", "examples/yoyo/demo.sh", "http://127.0.0.1:" + PORT)
                .redirectErrorStream(true).start();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).as(output).isZero();
        return output;
    }

    private HttpResponse<String> faults(String method, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/sandbox/tokenx/faults"))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int countOf(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("posbridge-sandbox-");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
