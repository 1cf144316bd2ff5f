package io.posbridge.orders;

import java.util.List;

/**
 * A POS order as tills send it (schemas/pos-order.schema.json): decimal strings for money, quantities
 * and VAT rates, so nothing is rounded on the way in.
 */
public record PosOrder(
        String orderId,
        String terminalId,
        String branchId,
        Boolean instant,
        Integer checkNumber,
        String title,
        String note,
        String filter,
        List<Line> lines,
        List<Payment> payments,
        Discount discount,
        Customer customer,
        Integer documentType) {

    public record Line(String sku, String name, String unitPrice, String quantity, String vatRate, Integer section,
            String unit, Discount discount) {
    }

    public record Payment(String type, String amount) {
    }

    public record Discount(String description, String amount) {
    }

    public record Customer(String name, String taxId, String email, String telephone) {
    }

    boolean isInstant() {
        return Boolean.TRUE.equals(instant);
    }
}
