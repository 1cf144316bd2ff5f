package io.posbridge.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

/** The converters logback-spring.xml puts in place of Logback's message and stack trace words. */
class SafeConvertersTest {

    private final LoggerContext context = new LoggerContext();

    private String message(String text) {
        SafeMessageConverter converter = new SafeMessageConverter();
        converter.setContext(context);
        converter.start();
        return converter.convert(event(text, null));
    }

    private String stackTrace(Throwable thrown) {
        SafeThrowableConverter converter = new SafeThrowableConverter();
        converter.setContext(context);
        converter.start();
        return converter.convert(event("failed", thrown));
    }

    private LoggingEvent event(String text, Throwable thrown) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO, "{}", null,
                new Object[] {text});
        if (thrown != null) {
            event.setThrowableProxy(new ThrowableProxy(thrown));
        }
        return event;
    }

    @Test
    void lineBreaksAndOtherControlCharactersAreShownEscaped() {
        assertThat(message("1\nFORGED LINE")).isEqualTo("1\\nFORGED LINE");
        assertThat(message("1\r\nFORGED LINE")).isEqualTo("1\\r\\nFORGED LINE");
        assertThat(message("a\tb")).isEqualTo("a\\tb");
        assertThat(message("nul\0here")).isEqualTo("nul\\u0000here");
        assertThat(message("esc\u001b[31mred")).isEqualTo("esc\\u001b[31mred");
        assertThat(message("del\u007f")).isEqualTo("del\\u007f");
        assertThat(message("next\u0085line")).isEqualTo("next\\u0085line");
        assertThat(message("line\u2028separator\u2029paragraph")).isEqualTo("line\\u2028separator\\u2029paragraph");
    }

    @Test
    void lettersOfEveryScriptAndSurrogatePairsAreKept() {
        String text = "Bahçe ı İstanbul ğüşöç € 😀 日本";
        assertThat(message(text)).isEqualTo(text);
    }

    @Test
    void backslashesAreKeptAsTheyAre() {
        // Never escaped, consistently: an escape only makes a line look longer, it cannot start a new one.
        assertThat(message("C:\\orders\\n1 and \\u0000")).isEqualTo("C:\\orders\\n1 and \\u0000");
    }

    @Test
    void aHugeMessageIsCutWithAMarkerSayingHowMuch() {
        String huge = "x".repeat(1_000_000);
        String logged = message(huge);
        assertThat(logged).isEqualTo("x".repeat(2000) + "…[cut 998000 chars]");
    }

    @Test
    void theCutCountsEscapesAndNeverSplitsAnEscapeOrASurrogatePair() {
        context.putProperty(LogText.MAX_LENGTH_PROPERTY, "10");
        assertThat(message("123456789\nX")).isEqualTo("123456789…[cut 2 chars]");
        assertThat(message("12345678\nX")).isEqualTo("12345678\\n…[cut 1 chars]");
        assertThat(message("123456789😀")).isEqualTo("123456789…[cut 2 chars]");
        assertThat(message("12345678😀")).isEqualTo("12345678😀");
        assertThat(message("1234567890")).isEqualTo("1234567890");
    }

    @Test
    void aLengthThatIsNotAPositiveNumberFallsBackToTheDefaultWithAWarning() {
        context.putProperty(LogText.MAX_LENGTH_PROPERTY, "lots");
        assertThat(message("y".repeat(3000))).isEqualTo("y".repeat(2000) + "…[cut 1000 chars]");
        assertThat(context.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
                .anyMatch(m -> m.contains("posbridge.logging.max-message-length") && m.contains("'lots'"));
    }

    @Test
    void eachThrowableMessageIsEscapedAndTheFramesStayOnePerLine() {
        Exception cause = new IllegalArgumentException("Unrecognized token 'abc\nFORGED CAUSE'");
        Exception thrown = new IllegalStateException("order 1\r\nFORGED LINE", cause);
        thrown.addSuppressed(new RuntimeException("suppressed\u2028FORGED"));

        String trace = stackTrace(thrown);

        assertThat(trace).contains("java.lang.IllegalStateException: order 1\\r\\nFORGED LINE")
                .contains("Caused by: java.lang.IllegalArgumentException: Unrecognized token 'abc\\nFORGED CAUSE'")
                .contains("Suppressed: java.lang.RuntimeException: suppressed\\u2028FORGED");
        assertThat(trace.lines()).noneMatch(line -> line.contains("FORGED") && !line.contains("Exception: "));
        assertThat(trace.lines().filter(line -> line.strip().startsWith("at "))).hasSizeGreaterThan(3);
    }

    @Test
    void aThrowablesOwnToStringIsEscapedToo() {
        Exception thrown = new RuntimeException() {
            @Override
            public String toString() {
                return "custom 1\nFORGED LINE";
            }
        };
        assertThat(stackTrace(thrown)).contains("custom 1\\nFORGED LINE").doesNotContain("1\nFORGED");
    }

    @Test
    void aHugeThrowableMessageIsCut() {
        String trace = stackTrace(new IllegalStateException("z".repeat(1_000_000)));
        assertThat(trace).contains("z".repeat(2000) + "…[cut 998000 chars]");
        assertThat(trace.length()).isLessThan(20_000);
    }

    @Test
    void theWordsOfLogbacksOwnPatternsDoTheSame() {
        SafePlainThrowableConverter converter = new SafePlainThrowableConverter();
        converter.setContext(context);
        converter.start();
        String trace = converter.convert(event("failed", new IllegalStateException("1\nFORGED LINE")));
        assertThat(trace).startsWith("java.lang.IllegalStateException: 1\\nFORGED LINE");
    }

    /** For JSON lines: the same cut, nothing escaped (the JSON writer escapes), a surrogate pair kept whole. */
    @Test
    void cutForJsonCutsAtTheSameLengthWithoutEscaping() {
        assertThat(LogText.cut("1\nFORGED LINE", 40)).isEqualTo("1\nFORGED LINE");
        assertThat(LogText.cut("a".repeat(50), 40)).isEqualTo("a".repeat(40) + "…[cut 10 chars]");
        assertThat(LogText.cut("a".repeat(39) + "😀b", 40)).isEqualTo("a".repeat(39) + "…[cut 3 chars]");
        assertThat(LogText.cut(null, 40)).isNull();
    }
}
