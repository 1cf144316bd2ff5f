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
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * TokenX's webhooks: only with the Authorization we registered (and from an allowed address); every one
 * is kept once in order_events, whatever its basket or operation, then applied to its order.
 */
@Component("tokenxWebhooks")
public class TokenxWebhooks {

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
        String caller = exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest().getRemoteAddr() : null;
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
        boolean first = store.recordWebhook(key, basketId, operation, raw, parseDate(rawDate));
        if (first && basketId != null) {
            updates.applyWebhook(basketId, operation, data);
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
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text, PLAIN).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
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
