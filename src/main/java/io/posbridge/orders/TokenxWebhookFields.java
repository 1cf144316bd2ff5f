package io.posbridge.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.ops.Sha256;
import io.posbridge.ops.TextField;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The parts of a TokenX webhook posbridge keys, stores and acts on, each checked before it goes near the database. */
record TokenxWebhookFields(String operation, String basketId, String date, JsonNode data, String key) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** TokenX's basket ids are UUIDs and its operations short names; nothing it sends in these fields is longer. */
    static final int MAX_FIELD = 64;
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The webhook's fields, or {@link Refused} when they cannot be kept as they are. */
    static TokenxWebhookFields of(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new Refused("the webhook body is empty");
        }
        if (raw.indexOf('\0') >= 0) {
            throw new Refused("the webhook body contains a NUL character");
        }
        JsonNode webhook = readOrNull(raw);
        if (webhook == null) {
            return new TokenxWebhookFields("UNREADABLE", null, null, JSON.missingNode(), "raw:" + Sha256.hex(raw));
        }
        JsonNode data = webhook.path("data");
        String operation = text(webhook, "", "operation");
        String basketId = text(data, "data.", "basketID");
        String date = text(webhook, "", "operationDate");
        String lockedBy = text(data, "data.", "lockedBy");
        operation = operation == null ? "UNKNOWN" : operation;
        if (basketId == null) {
            return new TokenxWebhookFields(operation, null, date, data, "raw:" + Sha256.hex(raw));
        }
        String key = String.join("|", operation, basketId, json(data.path("status")), String.valueOf(date),
                String.valueOf(lockedBy), json(data.path("receiptNo")));
        // Status and receipt number are whatever TokenX sent; a key too long for its column is kept as its digest.
        return new TokenxWebhookFields(operation, basketId, date, data, key.length() <= 255 ? key : "sha256:" + Sha256.hex(key));
    }

    /** A value as it was sent, so a status "0" (text) and 0 (a number) are different webhooks. */
    private static String json(JsonNode node) {
        return node.isMissingNode() ? "" : node.toString();
    }

    /** A short, printable string field, or null when absent; anything else refuses the webhook. */
    private static String text(JsonNode parent, String path, String field) {
        JsonNode node = parent.path(field);
        String where = path + field;
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Refused(where + " must be a string");
        }
        String problem = TextField.problem(node.textValue(), MAX_FIELD);
        if (problem != null) {
            throw new Refused(where + " " + problem);
        }
        return node.textValue();
    }

    /** A webhook that cannot be stored as it is; answered 400 with the reason. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** TokenX's operationDate format is not pinned down: RFC 3339 with or without fractions, or "yyyy-MM-dd HH:mm:ss" (UTC). */
    static OffsetDateTime parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        // Chosen by shape rather than by trying one and catching: a failed parse costs a stack trace per webhook.
        boolean rfc3339 = text.length() > 10 && text.charAt(10) == 'T';
        try {
            return rfc3339 ? OffsetDateTime.parse(text) : LocalDateTime.parse(text, PLAIN).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static JsonNode readOrNull(String raw) {
        try {
            JsonNode node = raw == null ? null : JSON.readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
