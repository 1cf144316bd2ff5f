package io.posbridge.orders;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a body is not an order, in the order's own terms: where in the text, or which field and what kind of value
 * it needs. Never Jackson's message, which names Java types and classes a till knows nothing of.
 */
final class OrderJsonProblems {

    /** The fields that hold decimal strings: money, quantities and VAT rates (PosOrder). */
    private static final Set<String> DECIMALS = Set.of("unitPrice", "quantity", "vatRate", "amount");

    private OrderJsonProblems() {
    }

    /** The body is not JSON, or goes past one of the reader's limits. */
    static String notJson(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return overLimit(e.getOriginalMessage());
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "the order is not valid JSON"
                : "the order is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** A field of a JSON object holds the wrong kind of value. */
    static String wrongKind(JacksonException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (field.isEmpty()) {
            return "the order is not a JSON object";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException) {
                return field + ": a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + " is expected";
            }
            if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return field + ": " + expected(mismatch.getTargetType(), field);
            }
        }
        return field + ": has the wrong kind of value";
    }

    /** Jackson tells its limits apart only by the start of the message ("Document nesting depth (33) exceeds …"). */
    private static String overLimit(String message) {
        if (message.startsWith("Document nesting depth")) {
            return "the order is nested too deeply (at most " + OrderReader.LIMITS.getMaxNestingDepth() + " levels)";
        }
        if (message.startsWith("String value length")) {
            return "a text in the order is longer than " + OrderReader.LIMITS.getMaxStringLength() + " characters";
        }
        if (message.startsWith("Number value length")) {
            return "a number in the order is longer than " + OrderReader.LIMITS.getMaxNumberLength() + " digits";
        }
        return "the order is too large to read";
    }

    private static String expected(Class<?> type, String field) {
        if (type == String.class) {
            return DECIMALS.contains(field.substring(field.lastIndexOf('.') + 1)) ? "a decimal string is expected"
                    : "a text is expected";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number is expected";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false is expected";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list is expected";
        }
        return "an object is expected";
    }

    /** Where in the order, as a till would write it: {@code lines[0].quantity}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(at -> at.getFieldName() != null ? "." + at.getFieldName() : "[" + at.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
