package io.posbridge.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.posbridge.support.FastOrders;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.LocalHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hostile-input check that found values from outside logged raw, run against the whole application: a line
 * break in a Yoyo id sent without credentials, in a webhook's operation and in an order file's unitPrice stays on
 * its own line, shown escaped; a huge field makes a line of bounded length; no credential is ever logged.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Read by logback-spring.xml when Spring Boot sets up logging, so given here rather than dynamically.
        properties = "posbridge.logging.max-message-length=500")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class OutsideValuesInLogsTest {

    private static final Path WORK = temporaryFolder();
    private static final String WRONG_PASSWORD = "wrong-password-7f3a9c";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        FastOrders.register(registry, WORK);
    }

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;


    /** A line break in a Yoyo id is refused before anything is logged of it; no line is forged either way. */
    @Test
    void aYoyoIdWithALineBreakSentWithWrongCredentialsForgesNoLine(CapturedOutput output) {
        String body = """
                {"wiTrxId":"1\\nFORGED LINE","token":{"id":"70123456","type":"WICODE"},"type":"PAYMENT",
                 "totalAmount":8500,"basketAmount":8500,"cashBackAmount":0,
                 "vspCredentials":{"id":"DummyVSP","password":"%s"}}""".formatted(WRONG_PASSWORD);

        assertThat(post("/yoyo/transaction", body, null).body()).contains("\"responseCode\":\"1\"");

        assertNoForgedLine(output);
        assertThat(output.getAll()).doesNotContain(WRONG_PASSWORD);
    }

    /** Likewise a line break in a webhook's operation: refused with 400, nothing forged. */
    @Test
    void aWebhookOperationWithACrLfForgesNoLine(CapturedOutput output) {
        String body = """
                {"terminalId":"AV0000000001","operation":"BASKET_X\\r\\nFORGED LINE",
                 "operationDate":"2026-11-22 08:42:18","data":{"basketID":"not-one-of-ours-1"}}""";

        assertThat(post("/webhooks/tokenx", body, "Bearer test-callback").statusCode()).isEqualTo(400);

        assertNoForgedLine(output);
        assertThat(output.getAll()).doesNotContain("Bearer test-callback");
    }

    /** A file's name is logged as it is, so a line break in it must stay on its line. */
    @Test
    void anOrderFileNameWithALineBreakStaysOnItsLine(CapturedOutput output) throws IOException {
        drop("named\nFORGED LINE.json", "not a number");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(output.getOut())
                .contains("order file named\\nFORGED LINE.json refused: "));
        assertNoForgedLine(output);
    }

    @Test
    void anOrderFileUnitPriceWithALineBreakStaysOnItsLine(CapturedOutput output) throws IOException {
        drop("forged.json", "1\nFORGED LINE");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(output.getOut())
                .contains("order file forged.json refused: lines[0].unitPrice: '1\\nFORGED LINE' is not a decimal number"));
        assertNoForgedLine(output);
    }

    @Test
    void aSixtyThousandCharacterFieldMakesALineOfBoundedLength(CapturedOutput output) throws IOException {
        drop("huge.json", "9".repeat(60_000) + "x"); // just under the order reader's limit on one text

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(output.getOut())
                .contains("order file huge.json refused: lines[0].unitPrice: '999"));
        // posbridge.logging.max-message-length=500, plus the time, level, thread and logger before the message.
        assertThat(output.getOut().lines()).allMatch(line -> line.length() < 800)
                .anyMatch(line -> line.matches(".*order file huge\\.json refused: .*9…\\[cut \\d+ chars]"));
    }

    /** A message history or an exhausted exchange's body would carry vspCredentials and Authorization headers. */
    @Test
    void camelDumpsNoMessageBodiesOrHistoriesIntoTheLog() {
        assertThat(camel.isMessageHistory()).isNotEqualTo(Boolean.TRUE);
        assertThat(camel.isLogExhaustedMessageBody()).isNotEqualTo(Boolean.TRUE);
        assertThat(camel.isTracing()).isNotEqualTo(Boolean.TRUE);
    }

    private static void assertNoForgedLine(CapturedOutput output) {
        assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith("FORGED"));
    }

    private static void drop(String name, String unitPrice) throws IOException {
        String order = """
                {"orderId":"LOG-%s","terminalId":"AV0000000001",
                 "lines":[{"sku":"P-1","name":"Pizza","unitPrice":"%s","quantity":"1","vatRate":"10","section":1}],
                 "payments":[{"type":"CASH","amount":"150.00"}]}"""
                .formatted(name, unitPrice.replace("\n", "\\n"));
        Path inbox = Files.createDirectories(WORK.resolve("inbox"));
        Path temporary = Files.writeString(WORK.resolve(name + ".tmp"), order);
        Files.move(temporary, inbox.resolve(name));
    }

    private HttpResponse<String> post(String path, String body, String authorization) {
        return LocalHttp.send(port, "POST", path, body, authorization);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("posbridge-logs-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
