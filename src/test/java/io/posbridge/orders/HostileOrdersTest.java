package io.posbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.support.FastOrders;
import io.posbridge.support.FreshPostgres;
import io.posbridge.tokenx.FakeTokenx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile input at the order doors, against real PostgreSQL. Whatever lands in the inbox with a .json name ends
 * within a poll or two in {@code <inbox>/.done} (taken) or in the error folder beside its report (refused), under
 * its own name, and a refused one stores nothing. A malformed post is answered 400 in the order's terms.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileOrdersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeTokenx TOKENX = new FakeTokenx().start();
    private static final Path WORK = temporaryFolder();
    private static final Path INBOX = WORK.resolve("inbox");
    private static final Path DONE = INBOX.resolve(".done");
    /** Where each replica keeps the files it has taken, one folder per run. */
    private static final Path TAKING = INBOX.resolve(".taking");
    private static final Path ERROR = WORK.resolve("error");
    private static final AtomicInteger IDS = new AtomicInteger();
    /** Long enough for the inbox path plus the name to pass 255 characters. */
    private static final String LONG = "L".repeat(235) + ".json";
    /** The longest name Linux allows (255 bytes): its report cannot be called {@code <name>.error.json}. */
    private static final String LONGEST = "M".repeat(250) + ".json";
    /** 255 bytes in 130 characters: a report name shortened by characters would still be too long. */
    private static final String LONGEST_TWO_BYTE = "ş".repeat(125) + ".json";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TOKENX.issues("access-1", 900);
        TOKENX.settingsMatch();
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).willReturn(FakeTokenx.success("{}")));
        TOKENX.register(registry);
        FastOrders.register(registry, WORK);
    }

    @AfterAll
    static void stop() {
        TOKENX.server.stop();
    }

    @Autowired
    JdbcClient db;

    @LocalServerPort
    int port;

    /** A file dropped into the inbox: its name, its bytes, and the problem it is refused for (null: taken). */
    record Drop(String name, byte[] body, String orderId, String problem) {

        static Drop taken(String name) {
            String orderId = nextId();
            return new Drop(name, utf8(OrdersFlowTest.order(orderId, "T-IN")), orderId, null);
        }

        static Drop refused(String name, String body, String problem) {
            return new Drop(name, utf8(body), null, problem);
        }

        /** A valid order in bytes {@code encode} makes of it: refused, and nothing of it may be stored. */
        static Drop refusedBytes(String name, Function<String, byte[]> encode, String problem) {
            String orderId = nextId();
            return new Drop(name, encode.apply(OrdersFlowTest.order(orderId, "T-IN")), orderId, problem);
        }

        @Override
        public String toString() {
            return name.replace("\n", "\\n").replace("\r", "\\r") + (problem == null ? " taken" : " refused: " + problem);
        }
    }

    static Stream<Drop> drops() {
        String notUtf8 = "the order is not valid UTF-8";
        return Stream.of(
                Drop.taken("new\nline.json"),
                Drop.taken("carriage\rreturn.json"),
                Drop.taken(LONG),
                Drop.taken(LONGEST),
                Drop.taken("back\\slash.json"),
                Drop.taken("..\\..\\up.json"),
                Drop.taken(" spaces  around .json"),
                Drop.taken("sipariş-çöğü-日本語-🧾.json"),
                Drop.taken("-rf --force.json"),
                Drop.taken(".hidden.json"),
                Drop.taken("UPPER.JSON"),
                Drop.taken("quote'\"$(x)`;&|.json"),
                Drop.refused("back\\slash-wrong.json", "{\"orderId\":\"X\"}", "exactly one of terminalId and branchId is required"),
                Drop.refused(LONGEST.replace('M', 'N'), "{}", "orderId: required"),
                Drop.refused(LONGEST_TWO_BYTE, "{}", "orderId: required"),
                Drop.refused("new\nline-wrong.json", "[]", "the order is not a JSON object"),
                Drop.refusedBytes("gzip.json", HostileOrdersTest::gzip, notUtf8),
                Drop.refusedBytes("utf16.json", order -> withBom(order.getBytes(StandardCharsets.UTF_16LE), 0xFF, 0xFE), notUtf8),
                Drop.refusedBytes("utf16be.json", order -> order.getBytes(StandardCharsets.UTF_16), notUtf8),
                Drop.refusedBytes("overlong.json", order -> overlongSlashIn(order), notUtf8),
                Drop.refusedBytes("latin1.json", order -> order.replace("Masa", "Mása").getBytes(StandardCharsets.ISO_8859_1),
                        notUtf8),
                Drop.refused("empty.json", "", "the order is empty"),
                Drop.refused("array.json", "[]", "the order is not a JSON object"),
                Drop.refused("null.json", "null", "the order is not a JSON object"),
                Drop.refused("nested.json", "{\"note\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                        "the order is nested too deeply"),
                Drop.refused("garbage.json", "{\"orderId\":", "the order is not valid JSON (line 1, column 12)"),
                Drop.refusedBytes("huge.json", order -> utf8(order.replace("Masa", "x".repeat(300 * 1024))),
                        "the file is larger than 262144 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drops")
    void everyFileEndsTakenOrRefusedUnderItsOwnName(Drop drop) throws Exception {
        Path file = drop(drop.name(), drop.body());

        if (drop.problem() == null) {
            Path done = DONE.resolve(drop.name());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(done) && Files.notExists(file));
            assertThat(Files.readAllBytes(done)).isEqualTo(drop.body());
            assertThat(db.sql("SELECT source FROM orders WHERE order_id = ?").param(drop.orderId()).query(String.class)
                    .optional()).contains("FILE");
        } else {
            JsonNode report = awaitReport(drop.name());
            assertThat(Files.readAllBytes(ERROR.resolve(drop.name()))).isEqualTo(drop.body());
            assertThat(Files.notExists(file)).isTrue();
            assertThat(report.path("problems").toString()).contains(drop.problem());
            assertNothingStored(drop.orderId());
        }
        assertThat(inboxFiles()).isEmpty();
    }

    @Test
    void aNameThatLooksLikeAPathNeverTouchesAFileOutsideTheInbox() throws Exception {
        // Camel reads "\" as a separator: ..\decoy.json must not be taken for WORK/decoy.json.
        Path decoy = Files.writeString(WORK.resolve("decoy.json"), "not yours");
        drop("..\\decoy.json", utf8(OrdersFlowTest.order(nextId(), "T-IN")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(DONE.resolve("..\\decoy.json")));
        assertThat(decoy).hasContent("not yours");
    }

    @Test
    void aSymbolicLinkIsRefusedWithoutReadingCopyingOrDeletingItsTarget() throws Exception {
        String orderId = nextId();
        Path target = Files.writeString(WORK.resolve("target-" + orderId + ".txt"), OrdersFlowTest.order(orderId, "T-IN"));
        Files.createDirectories(INBOX);
        Path link = Files.createSymbolicLink(INBOX.resolve("link.json"), target);
        Path outside = Files.createSymbolicLink(INBOX.resolve("to-passwd.json"), Path.of("/etc/passwd"));

        JsonNode report = awaitReport("link.json");
        assertThat(report.path("problems").toString()).contains("symbolic links are not accepted");
        assertThat(awaitReport("to-passwd.json").path("problems").toString()).contains("symbolic links are not accepted");
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(outside, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(target).hasContent(OrdersFlowTest.order(orderId, "T-IN"));
        Path refused = ERROR.resolve("link.json");
        assertThat(Files.isRegularFile(refused, LinkOption.NOFOLLOW_LINKS)).as("the target's content was copied").isFalse();
        assertThat(Path.of("/etc/passwd")).isRegularFile();
        assertNothingStored(orderId);
        assertThat(inboxFiles()).isEmpty();
    }

    @Test
    void aNamedPipeIsRefusedWithoutBeingRead() throws Exception {
        Files.createDirectories(INBOX);
        Path pipe = INBOX.resolve("pipe.json");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();

        assertThat(awaitReport("pipe.json").path("problems").toString()).contains("only regular files are accepted");
        assertThat(Files.exists(pipe, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(inboxFiles()).isEmpty();
        // The intake still works: reading the pipe would have blocked it for good.
        String orderId = nextId();
        drop("after-pipe.json", utf8(OrdersFlowTest.order(orderId, "T-IN")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(DONE.resolve("after-pipe.json")));
    }

    @Test
    void aFileThatCannotBeStoredForNowStaysInTheInboxUntilTheDatabaseIsBack() throws Exception {
        String orderId = nextId();
        db.sql("ALTER TABLE orders RENAME TO orders_away").update();
        Path file;
        try {
            file = drop("while-down.json", utf8(OrdersFlowTest.order(orderId, "T-IN")));
            Thread.sleep(2_000);   // several polls: each takes the file, fails to store it and puts it back
            assertThat(inInboxOrBeingTaken("while-down.json")).isTrue();
            assertThat(DONE.resolve("while-down.json")).doesNotExist();
            assertThat(ERROR.resolve("while-down.json")).doesNotExist();
        } finally {
            db.sql("ALTER TABLE orders_away RENAME TO orders").update();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(DONE.resolve("while-down.json")));
        assertThat(file).doesNotExist();
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = ?").param(orderId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void anHttpPostThatIsNotUtf8IsRefusedNotRepaired() throws Exception {
        String orderId = nextId();
        byte[] latin1 = OrdersFlowTest.order(orderId, "T-IN").replace("Masa", "Mása").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> answer = postOrder(latin1);
        assertThat(answer.statusCode()).isEqualTo(400);
        // Refused by the body check every JSON surface has, before the route reads it.
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("request body is not valid UTF-8");
        assertNothingStored(orderId);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("io.posbridge.orders.OrderReaderTest#malformed")
    void aMalformedPostIsAnswered400InTheOrdersTerms(String body, String problem) throws Exception {
        HttpResponse<String> answer = postOrder(body.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("problems").toString()).isEqualTo(JSON.writeValueAsString(List.of(problem)));
        assertThat(answer.body()).doesNotContainPattern(OrderReaderTest.INTERNALS);
    }

    private HttpResponse<String> postOrder(byte[] body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .header("Content-Type", "application/json").header("X-Api-Key", "test-till-key")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path drop(String name, byte[] body) throws IOException {
        Files.createDirectories(INBOX);
        Path partial = Files.write(WORK.resolve("partial"), body);
        return Files.move(partial, INBOX.resolve(name));
    }

    /** The report about {@code name}, found by its content: a name near the limit gets a shortened report name. */
    private static JsonNode awaitReport(String name) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> report(name), Optional::isPresent).orElseThrow();
    }

    private static Optional<JsonNode> report(String name) throws IOException {
        if (Files.notExists(ERROR)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(ERROR)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".error.json")).toList()) {
                JsonNode report = JSON.readTree(file.toFile());
                if (name.equals(report.path("file").asText())) {
                    return Optional.of(report);
                }
            }
        }
        return Optional.empty();
    }

    private void assertNothingStored(String orderId) {
        if (orderId != null) {
            assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id = ?").param(orderId).query(Long.class).single())
                    .isZero();
        }
    }

    /** What is in the inbox but its archive: files waiting, and files taken and not yet put away. */
    private static List<Path> inboxFiles() throws IOException {
        try (Stream<Path> waiting = Files.list(INBOX);
                Stream<Path> taken = Files.isDirectory(TAKING) ? Files.walk(TAKING, 2) : Stream.empty()) {
            // Taken files sit in .taking/<run>/, two levels down.
            return Stream.concat(waiting.filter(f -> !f.equals(DONE) && !f.equals(TAKING)),
                    taken.filter(f -> TAKING.relativize(f).getNameCount() == 2)).toList();
        }
    }

    private static boolean inInboxOrBeingTaken(String name) throws IOException {
        return inboxFiles().stream().anyMatch(f -> f.getFileName().toString().equals(name));
    }

    private static String nextId() {
        return "IN-" + IDS.incrementAndGet();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(bytes)) {
            zip.write(utf8(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] withBom(byte[] body, int... bom) {
        byte[] answer = new byte[bom.length + body.length];
        for (int i = 0; i < bom.length; i++) {
            answer[i] = (byte) bom[i];
        }
        System.arraycopy(body, 0, answer, bom.length, body.length);
        return answer;
    }

    /** "/" written as the overlong two-byte sequence C0 AF, which a lenient decoder turns back into "/". */
    private static byte[] overlongSlashIn(String order) {
        String marked = order.replace("no onions", "no onions ~ no garlic");
        byte[] plain = utf8(marked);
        var out = new ByteArrayOutputStream();
        for (byte b : plain) {
            if (b == '~') {
                out.write(0xC0);
                out.write(0xAF);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("posbridge-inbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
