package io.posbridge.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.posbridge.ops.PosbridgeProperties;
import io.posbridge.ops.tracing.Traces;
import io.posbridge.orders.OrderMetrics.WebhookOutcome;
import io.posbridge.ops.logging.LogIds;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * TokenX's webhooks, once tokenxWebhookCallers let them in: every one is kept once in order_events, whatever its
 * basket or operation, then applied to its order.
 */
@Component("tokenxWebhooks")
public class TokenxWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(TokenxWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrderStore store;
    private final OrderUpdates updates;
    private final long retryAfterSeconds;
    private final OrderMetrics metrics;

    public TokenxWebhooks(OrderStore store, OrderUpdates updates, PosbridgeProperties posbridge, OrderMetrics metrics) {
        this.store = store;
        this.updates = updates;
        this.metrics = metrics;
        this.retryAfterSeconds = posbridge.retryAfter().toSeconds();
    }

    /**
     * One transaction: a webhook is either kept and applied, or neither, so a redelivery after a failure finishes the job.
     * A webhook whose fields cannot be kept as they are (too long, control characters, the wrong type) is refused with
     * 400 before any SQL; one that can be kept but says something posbridge cannot act on is kept with its problem.
     */
    @Transactional
    public void record(Exchange exchange) {
        String raw = exchange.getIn().getBody(String.class);
        TokenxWebhookFields fields;
        try {
            fields = TokenxWebhookFields.of(raw);
        } catch (TokenxWebhookFields.Refused refused) {
            metrics.webhook(null, WebhookOutcome.REFUSED);
            answer(exchange, 400, JSON.createObjectNode().put("error", refused.getMessage()));
            return;
        }
        StoredOrder order = fields.basketId() == null ? null : store.findByBasket(fields.basketId()).orElse(null);
        Traces.mark(Traces.BASKET_ID, fields.basketId());
        Traces.mark(Traces.ORDER_ID, order == null ? null : order.orderId());
        try (LogIds ids = LogIds.order(order == null ? null : order.orderId(), fields.basketId())) {
            keep(exchange, raw, fields, order);
        }
    }

    private void keep(Exchange exchange, String raw, TokenxWebhookFields fields, StoredOrder order) {
        String problem = problemOf(fields);
        boolean first = store.recordWebhook(fields.key(), fields.basketId(), order == null ? null : order.orderId(),
                fields.operation(), raw, TokenxWebhookFields.parseDate(fields.date()), problem);
        metrics.webhook(fields.operation(), !first ? WebhookOutcome.DUPLICATE : problem != null ? WebhookOutcome.PROBLEM
                : order != null ? WebhookOutcome.APPLIED : WebhookOutcome.UNKNOWN_BASKET);
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
        metrics.webhook(null, WebhookOutcome.UNAVAILABLE);
        LOG.warn("TokenX webhook not kept, the database is unavailable: {}", cause == null ? "?" : cause.getMessage());
        answer(exchange, 503, JSON.createObjectNode().put("error", "posbridge cannot keep webhooks right now; send it again later"));
        exchange.getIn().setHeader("Retry-After", retryAfterSeconds);
    }

    /** What keeps a stored webhook from moving its order: only a completion status of 0, -1 or 99 may. */
    private static String problemOf(TokenxWebhookFields fields) {
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
}
