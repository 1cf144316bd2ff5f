package io.posbridge.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
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

/**
 * src/main/resources/logback-spring.xml itself, loaded into a Logback context of the test's own (not the one the
 * tests log through) with the properties Spring Boot would set: the log file gets the same escaping as the console,
 * and only when one is configured.
 */
class LogbackSpringXmlTest {

    @TempDir
    Path folder;

    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void mdc() {
        // What SLF4J gives the context it binds; Spring Boot's pattern reads the MDC.
        context.setMDCAdapter(new LogbackMDCAdapter());
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
}
