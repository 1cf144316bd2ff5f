package io.posbridge.orders;

import io.posbridge.ops.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.ops.CidrMatcher;
import io.posbridge.ops.Secrets;
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
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final OrderStore store;
    private final OrderUpdates updates;
    private final String callbackAuth;
    private final CidrMatcher callers;

    public TokenxWebhooks(OrderStore store, OrderUpdates updates, TokenxProperties tokenx, WebhooksProperties settings) {
        this.store = store;
        this.updates = updates;
        this.callbackAuth = tokenx.callbackAuth();
        this.callers = new CidrMatcher(settings.allowedCidrs());
    }

    /** Refuses, with 401 and nothing stored, a webhook without our Authorization or from outside the allowed ranges. */
    public boolean authorised(Exchange exchange) {
        String caller = exchange.getIn() instanceof HttpMessage http ? http.getRequest().getRemoteAddr() : null;
        return caller != null && callers.allows(caller)
                && Secrets.equal(exchange.getIn().getHeader("Authorization", String.class), callbackAuth);
    }

    /** One transaction: a webhook is either kept and applied, or neither, so a redelivery after a failure finishes the job. */
    @Transactional
    public void record(Exchange exchange) {
        String raw = exchange.getIn().getBody(String.class);
        JsonNode webhook = readOrNull(raw);
        JsonNode data = webhook == null ? JSON.missingNode() : webhook.path("data");
        String basketId = data.path("basketID").isTextual() ? data.path("basketID").asText() : null;
        String operation = webhook == null ? "UNREADABLE" : webhook.path("operation").asText("UNKNOWN");
        String rawDate = webhook == null ? null : webhook.path("operationDate").asText(null);
        String key = basketId == null ? "raw:" + Sha256.hex(raw)
                : String.join("|", operation, basketId, data.path("status").asText(""), String.valueOf(rawDate),
                        data.path("lockedBy").asText(""), data.path("receiptNo").asText(""));
        StoredOrder order = basketId == null ? null : store.findByBasket(basketId).orElse(null);
        boolean first = store.recordWebhook(key, basketId, order == null ? null : order.orderId(), operation, raw,
                parseDate(rawDate));
        if (first && order != null) {
            updates.applyWebhook(order, operation, data);
        } else if (first && basketId != null) {
            LOG.info("TokenX webhook {} for basket {} that is not one of our orders; kept", operation, basketId);
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(first ? "{\"received\":true}" : "{\"received\":true,\"duplicate\":true}");
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
