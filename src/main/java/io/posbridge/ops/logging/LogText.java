package io.posbridge.ops.logging;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.status.WarnStatus;

/**
 * Makes text safe to put on one log line: control characters are shown escaped, so a value from outside can never
 * start a line of its own, and the text is cut to a bounded length, so a huge value cannot make a huge line.
 * Everything else, non-ASCII letters and surrogate pairs included, is kept as it is.
 */
public final class LogText {

    /** The Logback context property logback-spring.xml fills from {@code posbridge.logging.max-message-length}. */
    public static final String MAX_LENGTH_PROPERTY = "POSBRIDGE_LOG_MAX_MESSAGE_LENGTH";
    public static final int DEFAULT_MAX_LENGTH = 2000;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {
    }

    /**
     * The text with every control character escaped ({@code \n}, {@code \r}, {@code \t}, any other as a backslash,
     * {@code u} and four hex digits, as in JSON) and, when the escaped text would be longer than {@code maxLength},
     * cut there with a marker saying how many of the original characters were left out.
     *
     * <p>A backslash is never escaped, so Windows paths and regular expressions stay readable. A value holding a
     * backslash and an {@code n} then looks like one holding a line break; either way it stays on its line, which is
     * what matters here.
     */
    public static String safe(String text, int maxLength) {
        if (text == null || isAlreadySafe(text, maxLength)) {
            return text;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength) + 32);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            // A surrogate pair is one character to a reader: keep both halves or neither.
            int width = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            String escaped = needsEscape(c) ? escape(c) : null;
            int room = maxLength - out.length();
            if ((escaped == null ? width : escaped.length()) > room) {
                break;
            }
            if (escaped == null) {
                out.append(text, i, i + width);
            } else {
                out.append(escaped);
            }
            i += width;
        }
        if (i < text.length()) {
            out.append("…[cut ").append(text.length() - i).append(" chars]");
        }
        return out.toString();
    }

    /**
     * The text cut as {@link #safe} cuts it, with nothing escaped: for a JSON log line, where the JSON writer already
     * escapes control characters inside the value, so a second escaping would only double every backslash.
     */
    public static String cut(String text, int maxLength) {
        if (text == null || text.length() <= maxLength) {
            return text;
        }
        int end = maxLength;
        // A surrogate pair is one character to a reader: keep both halves or neither.
        if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end) + "…[cut " + (text.length() - end) + " chars]";
    }

    /**
     * The length cap configured in the Logback context, or the default when it is absent or not a positive whole
     * number (a warning on Logback's status then says so: a logging setting should not stop posbridge).
     */
    public static int maxLength(Context context) {
        String configured = context == null ? null : context.getProperty(MAX_LENGTH_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_MAX_LENGTH;
        }
        try {
            int value = Integer.parseInt(configured.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        context.getStatusManager().add(new WarnStatus(
                "posbridge.logging.max-message-length must be a positive whole number, not '" + configured
                        + "'; using " + DEFAULT_MAX_LENGTH, LogText.class));
        return DEFAULT_MAX_LENGTH;
    }

    /** C0 controls, DEL, C1 controls (NEL among them) and the Unicode line and paragraph separators. */
    static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static boolean isAlreadySafe(String text, int maxLength) {
        if (text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (needsEscape(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> new String(new char[] {'\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf],
                    HEX[c & 0xf]});
        };
    }
}
