package io.posbridge.ops;

/**
 * The one rule for a text field from outside that posbridge stores or passes on: at most so many characters, no
 * control characters (a NUL cannot be stored in PostgreSQL at all, a line break forges log lines and receipts), and no
 * half of a surrogate pair (it has no UTF-8 form, so it would be replaced or fail on the way to the database).
 */
public final class TextField {

    private TextField() {
    }

    /** What is wrong with {@code value}, as the end of a sentence that starts with the field's name; null if nothing. */
    public static String problem(String value, int maxLength) {
        if (value.length() > maxLength) {
            return "is longer than " + maxLength + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return "contains a control character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an invalid character (half of a surrogate pair)";
            }
        }
        return null;
    }
}
