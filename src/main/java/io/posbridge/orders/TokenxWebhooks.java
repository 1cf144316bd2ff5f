package io.posbridge.orders;

import io.posbridge.ops.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.posbridge.ops.CidrMatcher;
import io.posbridge.ops.PosbridgeProperties;
import io.posbridge.ops.Secrets;
import io.posbridge.ops.TextField;
import io.posbridge.tokenx.TokenxProperties;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * TokenX's webhooks: only with the Authorization we registered (and from an allowed address); every one
 * is kept once in order_events, whatever its basket or operation, then applied to its order.
 */
@Component("tokenxWebhooks")
public class TokenxWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(TokenxWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** TokenX's basket ids are UUIDs and its operations short names; nothing it sends in these fields is longer. */
    static final int MAX_FIELD = 64;
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final OrderStore store;
    private final OrderUpdates updates;
    private final String callbackAuth;
    private final CidrMatcher callers;
    private final long retryAfterSeconds;

    public TokenxWebhooks(OrderStore store, OrderUpdates updates, TokenxProperties tokenx, WebhooksProperties settings,
            PosbridgeProperties posbridge) {
        this.store = store;
        this.updates = updates;
        this.callbackAuth = tokenx.callbackAuth();
        this.callers = new CidrMatcher(settings.allowedCidrs());
        this.retryAfterSeconds = posbridge.retryAfter().toSeconds();
    }

    /** Refuses, with 401 and nothing stored, a webhook without our Authorization or from outside the allowed ranges. */
    public boolean authorised(Exchange exchange) {
        String caller = exchange.getIn() instanceof HttpMessage http ? http.getRequest().getRemoteAddr() : null;
        return caller != null && callers.allows(caller)
                && Secrets.equal(exchange.getIn().getHeader("Authorization", String.class), callbackAuth);
    }

    /**
     * One transaction: a webhook is either kept and applied, or neither, so a redelivery after a failure finishes the job.
     * A webhook whose fields cannot be kept as they are (too long, control characters, the wrong type) is refused with
     * 400 before any SQL; one that can be kept but says something posbridge cannot act on is kept with its problem.
     */
    @Transactional
    public void record(Exchange exchange) {
        String raw = exchange.getIn().getBody(String.class);
        Fields fields;
        try {
            fields = Fields.of(raw, readOrNull(raw));
        } catch (WebhookRefused refused) {
            answer(exchange, 400, JSON.createObjectNode().put("error", refused.getMessage()));
            return;
        }
        StoredOrder order = fields.basketId() == null ? null : store.findByBasket(fields.basketId()).orElse(null);
        String problem = problemOf(fields);
        boolean first = store.recordWebhook(fields.key(), fields.basketId(), order == null ? null : order.orderId(),
                fields.operation(), raw, parseDate(fields.date()), problem);
        if (first && problem != null) {
            LOG.warn("TokenX webhook {} for basket {} kept but not applied: {}", fields.operation(), fields.basketId(), problem);
        } else if (first && order != null) {
            updates.applyWebhook(order, fields.operation(), fields.data());
        } else if (first && fields.basketId() != null) {
            LOG.info("TokenX webhook {} for basket {} that is not one of our orders; kept", fields.operation(), fields.basketId());
        }
        ObjectNode answer = JSON.createObjectNode().put("received", true);
        if (!first) {
            answer.put("duplicate", true);
        }
        if (problem != null) {
            answer.put("problem", problem);
        }
        answer(exchange, 200, answer);
    }

    /** 503 with Retry-After: the webhook could not be kept now (the database is down), and TokenX sends it again. */
    public void unavailable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("TokenX webhook not kept, the database is unavailable: {}", cause == null ? "?" : cause.getMessage());
        answer(exchange, 503, JSON.createObjectNode().put("error", "posbridge cannot keep webhooks right now; send it again later"));
        exchange.getIn().setHeader("Retry-After", retryAfterSeconds);
    }

    /** What keeps a stored webhook from moving its order: only a completion status of 0, -1 or 99 may. */
    private static String problemOf(Fields fields) {
        if ("BASKET_COMPLETED".equals(fields.operation()) && OrderOutcomes.ofSaleStatus(fields.data().path("status")) == null) {
            return "data.status is not 0, -1 or 99; the order is left as it was";
        }
        return null;
    }

    private static void answer(Exchange exchange, int status, ObjectNode body) {
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(body.toString());
    }

    /** The parts of a webhook posbridge keys, stores and acts on, each checked before it goes near the database. */
    record Fields(String operation, String basketId, String date, JsonNode data, String key) {

        static Fields of(String raw, JsonNode webhook) {
            if (raw == null || raw.isEmpty()) {
                throw new WebhookRefused("the webhook body is empty");
            }
            if (raw.indexOf('\0') >= 0) {
                throw new WebhookRefused("the webhook body contains a NUL character");
            }
            if (webhook == null) {
                return new Fields("UNREADABLE", null, null, JSON.missingNode(), "raw:" + Sha256.hex(raw));
            }
            JsonNode data = webhook.path("data");
            String operation = text(webhook, "", "operation");
            String basketId = text(data, "data.", "basketID");
            String date = text(webhook, "", "operationDate");
            String lockedBy = text(data, "data.", "lockedBy");
            operation = operation == null ? "UNKNOWN" : operation;
            if (basketId == null) {
                return new Fields(operation, null, date, data, "raw:" + Sha256.hex(raw));
            }
            String key = String.join("|", operation, basketId, json(data.path("status")), String.valueOf(date),
                    String.valueOf(lockedBy), json(data.path("receiptNo")));
            // Status and receipt number are whatever TokenX sent; a key too long for its column is kept as its digest.
            return new Fields(operation, basketId, date, data, key.length() <= 255 ? key : "sha256:" + Sha256.hex(key));
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
                throw new WebhookRefused(where + " must be a string");
            }
            String problem = TextField.problem(node.textValue(), MAX_FIELD);
            if (problem != null) {
                throw new WebhookRefused(where + " " + problem);
            }
            return node.textValue();
        }
    }

    /** A webhook that cannot be stored as it is; answered 400 with the reason. */
    static final class WebhookRefused extends RuntimeException {
        WebhookRefused(String reason) {
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
