package io.posbridge.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * How a basket ended, from a webhook's {@code data} or from basket details' {@code sale}: the final state
 * it means for the order, and the outcome JSON published for it.
 */
final class OrderOutcomes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderOutcomes() {
    }

    /**
     * A completed basket's sale status: 0 paid, -1 cancelled, 99 receipt voided; null for anything else. Only a JSON
     * integer counts: a missing, null, text, fractional or array status must never read as 0 and mark an order paid.
     */
    static OrderState ofSaleStatus(JsonNode status) {
        if (status == null || !status.isIntegralNumber() || !status.canConvertToInt()) {
            return null;
        }
        return switch (status.intValue()) {
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
