package io.posbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A basket body checked the way TokenX checks it (docs/tokenx-api-notes.md, "Basket body"): a basketID, at least one item with
 * integer price (kuruş), quantity (thousandths) and taxPercent (hundredths of a percent), integer payments, and
 * payments that add up to the items (1103). Adjusts of type 0 (an amount) only; discountOrSurcharge 0 is a
 * discount, 1 a surcharge.
 */
record BasketContent(String basketId, Integer checkNumber, JsonNode body, long itemsTotal, long paymentsTotal) {

    static BasketContent of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw TokenxError.wrongFormat("the basket must be a JSON object");
        }
        String basketId = body.path("basketID").asText("");
        if (!body.path("basketID").isTextual() || basketId.isBlank()) {
            throw TokenxError.wrongFormat("basketID is required");
        }
        JsonNode items = body.path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw TokenxError.wrongFormat("items must list at least one item");
        }
        long itemsTotal = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "items[" + i + "]";
            if (item.path("name").asText("").isBlank()) {
                throw TokenxError.wrongFormat(at + ".name is required");
            }
            long price = integer(item, "price", at, 0);
            long quantity = integer(item, "quantity", at, 1);
            integer(item, "taxPercent", at, 0);
            itemsTotal += Math.round(price * (double) quantity / 1000.0) - adjustment(item.path("adjust"), at);
        }
        itemsTotal -= adjustment(body.path("adjust"), "adjust");
        JsonNode payments = body.path("paymentItems");
        long paymentsTotal = 0;
        if (!payments.isMissingNode() && !payments.isNull()) {
            if (!payments.isArray()) {
                throw TokenxError.wrongFormat("paymentItems must be a list");
            }
            for (int i = 0; i < payments.size(); i++) {
                integer(payments.get(i), "type", "paymentItems[" + i + "]", 0);
                paymentsTotal += integer(payments.get(i), "amount", "paymentItems[" + i + "]", 0);
            }
            if (!payments.isEmpty() && paymentsTotal != itemsTotal) {
                throw TokenxError.totalsDiffer(itemsTotal, paymentsTotal);
            }
        }
        JsonNode check = body.path("checkNumber");
        if (!check.isMissingNode() && !check.isNull() && !check.canConvertToInt()) {
            throw TokenxError.wrongFormat("checkNumber must be a number");
        }
        return new BasketContent(basketId, check.isNumber() ? check.asInt() : null, body.deepCopy(), itemsTotal,
                paymentsTotal);
    }

    ArrayNode items() {
        return (ArrayNode) body.path("items");
    }

    /** The payment items, or none when the basket leaves payment to the device. */
    List<JsonNode> payments() {
        JsonNode payments = body.path("paymentItems");
        return payments.isArray() ? toList(payments) : List.of();
    }

    /** Every tax rate the items use; the terminal's sections must carry each. */
    List<Integer> taxPercents() {
        return toList(items()).stream().map(item -> item.path("taxPercent").asInt()).distinct().toList();
    }

    /** The section numbers the items name. */
    List<Integer> sectionNumbers() {
        return toList(items()).stream().filter(item -> item.path("sectionNo").canConvertToInt())
                .map(item -> item.path("sectionNo").asInt()).distinct().toList();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static long integer(JsonNode node, String field, String at, long min) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || value.asLong() < min) {
            throw TokenxError.wrongFormat(at + "." + field + " must be a whole number"
                    + (min > 0 ? " of at least " + min : " not below " + min));
        }
        return value.asLong();
    }

    /** An adjust's effect on the total: positive for a discount, negative for a surcharge. */
    private static long adjustment(JsonNode adjust, String at) {
        if (adjust.isMissingNode() || adjust.isNull()) {
            return 0;
        }
        if (adjust.path("type").asInt(0) != 0) {
            throw TokenxError.wrongFormat(at + ".adjust: the simulator takes type 0 (an amount) only");
        }
        long value = integer(adjust, "value", at + ".adjust", 0);
        return adjust.path("discountOrSurcharge").asInt(0) == 1 ? -value : value;
    }
}
