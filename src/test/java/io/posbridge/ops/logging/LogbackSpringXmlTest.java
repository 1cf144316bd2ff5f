package io.posbridge.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * src/main/resources/logback-spring.xml itself, loaded into a Logback context of the test's own (not the one the
 * tests log through) with the properties Spring Boot would set: the log file gets the same escaping as the console,
 * and only when one is configured.
 */
class LogbackSpringXmlTest {

    @TempDir
    Path folder;

    private final LoggerContext context = new LoggerContext();

    private final MockEnvironment environment = new MockEnvironment();

    @BeforeEach
    void mdc() {
        // What SLF4J gives the context it binds; Spring Boot's pattern reads the MDC.
        context.setMDCAdapter(new LogbackMDCAdapter());
        // What Spring Boot gives the context before it reads logback-spring.xml; its structured encoder needs it.
        context.putObject(Environment.class.getName(), environment);
    }

    /** Nothing went wrong while configuring or appending: Logback reports such trouble only on its status list. */
    @AfterEach
    void noErrors() {
        List<String> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR).map(Status::getMessage).toList();
        context.stop();
        assertThat(errors).isEmpty();
    }

    /** Spring Boot's own handler reads springProperty; plain Joran does not know it, so its value is set here. */
    private Logger configured(Map<String, String> properties) throws JoranException {
        properties.forEach(context::putProperty);
        context.putProperty("CONSOLE_LOG_THRESHOLD", "OFF");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
        return context.getLogger("io.posbridge.test");
    }

    private List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void theLogFileEscapesMessagesAndStackTracesLikeTheConsole() throws Exception {
        Path file = folder.resolve("posbridge.log");
        Logger log = configured(Map.of("LOG_FILE", file.toString()));

        log.info("yoyo-transaction wiTrxId={} -> 01", "1\nFORGED LINE");
        log.error("webhook failed", new IllegalStateException("operation X\r\nFORGED LINE",
                new IllegalArgumentException("Unrecognized token 'a\u2028FORGED LINE'")));
        log.warn("big {}", "b".repeat(1_000_000));

        List<String> lines = lines(file);
        assertThat(lines).noneMatch(line -> line.startsWith("FORGED"));
        assertThat(lines).anyMatch(line -> line.endsWith("INFO") || line.contains(" INFO "))
                .anyMatch(line -> line.endsWith(": yoyo-transaction wiTrxId=1\\nFORGED LINE -> 01"))
                .contains("java.lang.IllegalStateException: operation X\\r\\nFORGED LINE",
                        "Caused by: java.lang.IllegalArgumentException: Unrecognized token 'a\\u2028FORGED LINE'")
                .anyMatch(line -> line.startsWith("\tat "))
                .anyMatch(line -> line.endsWith(": big " + "b".repeat(1996) + "…[cut 998004 chars]"));
        assertThat(lines).allMatch(line -> line.length() < 2200);
    }

    @Test
    void aPatternGivenInLoggingPatternFileIsEscapedToo() throws Exception {
        Path file = folder.resolve("own-pattern.log");
        Logger log = configured(Map.of("LOG_FILE", file.toString(),
                "FILE_LOG_PATTERN", "%level %msg%n%xEx",
                LogText.MAX_LENGTH_PROPERTY, "40"));

        log.info("operation {}", "X\nFORGED LINE");
        log.info("long {}", "c".repeat(100));
        log.warn("failed", new IllegalStateException("1\nFORGED LINE"));

        assertThat(lines(file)).startsWith("INFO operation X\\nFORGED LINE",
                "INFO long " + "c".repeat(35) + "…[cut 65 chars]",
                "WARN failed",
                "java.lang.IllegalStateException: 1\\nFORGED LINE");
    }

    @Test
    void withoutALogFileThereIsOnlyTheConsole() throws Exception {
        Logger log = configured(Map.of());
        log.info("hello");
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("CONSOLE")).isNotNull();
        assertThat(root.getAppender("FILE")).isNull();
    }

    @Test
    void withAStructuredFileFormatTheLogFileIsJsonWithMessagesCut() throws Exception {
        Path file = folder.resolve("posbridge.json.log");
        Logger log = configured(Map.of("LOG_FILE", file.toString(), "FILE_LOG_STRUCTURED_FORMAT", "logstash",
                LogText.MAX_LENGTH_PROPERTY, "40"));

        context.getMDCAdapter().put(LogIds.ORDER_ID, "ORD-1");
        context.getMDCAdapter().put(JsonSafeLoggingEvent.CAMEL_ROUTE_ID, "orders-send");
        log.info("operation {}", "X\nFORGED LINE");
        context.getMDCAdapter().clear();
        log.info("long {}", "c".repeat(100));
        log.warn("failed", new IllegalStateException("d".repeat(100) + "\nFORGED LINE",
                new IllegalArgumentException("e".repeat(100))));

        List<String> lines = lines(file);
        assertThat(lines).hasSize(3).noneMatch(line -> line.startsWith("FORGED"));
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.path("message").asText()).isEqualTo("operation X\nFORGED LINE");
        assertThat(first.path("orderId").asText()).isEqualTo("ORD-1");
        assertThat(first.path("routeId").asText()).isEqualTo("orders-send");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.path("message").asText()).isEqualTo("long " + "c".repeat(35) + "…[cut 65 chars]");
        assertThat(second.has("orderId")).isFalse();
        String stackTrace = json.readTree(lines.get(2)).path("stack_trace").asText();
        assertThat(stackTrace).contains("java.lang.IllegalStateException: " + "d".repeat(40) + "…[cut 72 chars]",
                "Caused by: java.lang.IllegalArgumentException: " + "e".repeat(40) + "…[cut 60 chars]", "\tat ");
        assertThat(stackTrace).doesNotContain("d".repeat(41), "e".repeat(41), "FORGED");
    }

    @Test
    void withAStructuredConsoleFormatTheConsoleIsJsonAndPlainOtherwise() throws Exception {
        configured(Map.of("CONSOLE_LOG_STRUCTURED_FORMAT", "ecs", LogText.MAX_LENGTH_PROPERTY, "40"));
        OutputStreamAppender<?> console = (OutputStreamAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("CONSOLE");
        assertThat(console.getEncoder()).isInstanceOf(SafeStructuredLogEncoder.class);

        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO, "big {}", null,
                new Object[] {"b".repeat(1000)});
        JsonNode line = new ObjectMapper().readTree(((SafeStructuredLogEncoder) console.getEncoder()).encode(event));
        assertThat(line.path("message").asText()).isEqualTo("big " + "b".repeat(36) + "…[cut 964 chars]");

        context.reset();
        context.putObject(Environment.class.getName(), environment);
        configured(Map.of("CONSOLE_LOG_STRUCTURED_FORMAT", ""));
        assertThat(((OutputStreamAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"))
                .getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    }

    /** Spring Boot's stack trace printer needs Logback's own record of the throwable, so it is given that one. */
    @Test
    void aStackTracePrinterOfSpringBootsGetsTheThrowableItNeeds() throws Exception {
        environment.setProperty("logging.structured.json.stacktrace.max-length", "300");
        Path file = folder.resolve("printer.json.log");
        Logger log = configured(Map.of("LOG_FILE", file.toString(), "FILE_LOG_STRUCTURED_FORMAT", "logstash"));

        log.warn("failed", new IllegalStateException("boom"));

        String stackTrace = new ObjectMapper().readTree(lines(file).get(0)).path("stack_trace").asText();
        assertThat(stackTrace).startsWith("java.lang.IllegalStateException: boom").hasSizeLessThanOrEqualTo(300);
    }
}
