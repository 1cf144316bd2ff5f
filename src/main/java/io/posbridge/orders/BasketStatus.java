package io.posbridge.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * What TokenX says about a basket, from a webhook's {@code data} or from basket details' {@code sale}:
 * the state the order should move to and, for a final state, the outcome to publish.
 */
public record BasketStatus(OrderState state, JsonNode sale) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A completed basket's sale status: 0 paid, -1 cancelled, 99 receipt voided. */
    static OrderState ofSaleStatus(int status) {
        return switch (status) {
            case 0 -> OrderState.COMPLETED;
            case -1 -> OrderState.CANCELLED;
            case 99 -> OrderState.VOIDED;
            default -> null;
        };
    }

    /** The outcome JSON published once an order is final. */
    static String outcome(StoredOrder order, OrderState state, JsonNode sale, String reason, String errorCode,
            OffsetDateTime at) {
        ObjectNode outcome = JSON.createObjectNode();
        outcome.put("orderId", order.orderId());
        outcome.put("basketId", order.basketId());
        outcome.put("state", state.name());
        if (sale != null && !sale.isMissingNode() && !sale.isNull()) {
            copy(sale, outcome, "receiptNo");
            copy(sale, outcome, "zNo");
            copy(sale, outcome, "UUID");
            copy(sale, outcome, "invoiceID");
            copy(sale, outcome, "documentType");
            if (sale.has("paymentItems")) {
                outcome.set("payments", sale.get("paymentItems"));
            }
            copy(sale, outcome, "message");
        }
        if (reason != null) {
            outcome.put("reason", reason);
        }
        if (errorCode != null) {
            outcome.put("tokenxCode", errorCode);
        }
        outcome.put("time", at.toString());
        return outcome.toString();
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field) && !from.get(field).isNull()) {
            to.set(field, from.get(field));
        }
    }
}
