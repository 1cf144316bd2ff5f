package io.posbridge.orders;

import io.posbridge.ops.TextField;
import io.posbridge.tokenx.TokenxBasket;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Turns a POS order into the TokenX basket, converting decimals exactly: money to kuruş, quantities to
 * thousandths, VAT rates to hundredths of a percent. A value that cannot be represented exactly is a
 * problem, never rounded; so is one TokenX cannot hold: its integers are 32-bit, so each amount, quantity,
 * line total and the basket's total must be at most {@value #MAX_UNITS} of its unit. Every problem is
 * collected, so a till learns all of them at once.
 */
@Component("basketMapper")
public class BasketMapper {

    static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern DESTINATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** TokenX's integers are signed 32-bit. */
    static final int MAX_UNITS = Integer.MAX_VALUE;
    private static final BigDecimal MAX_MONEY = BigDecimal.valueOf(MAX_UNITS, 2);       // 21474836.47
    private static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(MAX_UNITS, 3);    // 2147483.647

    /** TokenX's payment type numbers, by the names tills use. */
    static final Map<String, Integer> PAYMENT_TYPES = Map.of(
            "CASH", 1, "CARD", 3, "MEAL_CARD", 7, "NO_CHARGE", 8, "COMPLIMENTARY", 9, "OPEN_ACCOUNT", 17);

    /** The basket id of an order: the same order id always gives the same basket, so a resend is no duplicate. */
    public static String basketIdOf(String orderId) {
        return UUID.nameUUIDFromBytes(("posbridge-order:" + orderId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public TokenxBasket map(PosOrder order) {
        List<String> problems = new ArrayList<>();
        checkDestination(order, problems);
        checkTexts(order, problems);
        List<TokenxBasket.Item> items = new ArrayList<>();
        long linesTotal = 0;
        long lineDiscounts = 0;
        if (order.lines() == null || order.lines().isEmpty()) {
            problems.add("lines: at least one line is required");
        } else {
            for (int i = 0; i < order.lines().size(); i++) {
                TokenxBasket.Item item = item(order.lines().get(i), "lines[" + i + "]", problems);
                if (item != null) {
                    items.add(item);
                    linesTotal = Math.addExact(linesTotal, item.lineTotal());
                    lineDiscounts = Math.addExact(lineDiscounts, item.adjust() == null ? 0 : item.adjust().value());
                }
            }
        }
        if (linesTotal > MAX_UNITS) {
            problems.add("the lines come to " + money(linesTotal) + ", more than TokenX can take (at most "
                    + money(MAX_UNITS) + " per basket)");
        }
        TokenxBasket.Adjust basketDiscount = adjust(order.discount(), "discount", problems);
        long due = linesTotal - lineDiscounts - (basketDiscount == null ? 0 : basketDiscount.value());
        List<TokenxBasket.Payment> payments = new ArrayList<>();
        long paid = 0;
        if (order.payments() == null || order.payments().isEmpty()) {
            problems.add("payments: at least one payment is required");
        } else {
            for (int i = 0; i < order.payments().size(); i++) {
                TokenxBasket.Payment payment = payment(order.payments().get(i), "payments[" + i + "]", problems);
                if (payment != null) {
                    payments.add(payment);
                    paid = Math.addExact(paid, payment.amount());
                }
            }
        }
        if (problems.isEmpty() && paid != due) {
            problems.add("payments add up to " + money(paid) + " but the lines come to " + money(due));
        }
        if (!problems.isEmpty()) {
            throw new OrderRefused(problems);
        }
        PosOrder.Customer c = order.customer();
        return new TokenxBasket(basketIdOf(order.orderId()), order.checkNumber(), order.title(), order.filter(),
                order.note(), items, payments, basketDiscount,
                c == null ? null : new TokenxBasket.CustomerInfo(c.name(), c.taxId(), c.email(), c.telephone(),
                        null, null, null, null, null),
                order.documentType(), null);
    }

    /**
     * Free text goes onto a receipt and into the database: each field within a bound (generous for a till, far below
     * what the body limit allows) and printable (ops.TextField): no line breaks, no NUL.
     */
    private static void checkTexts(PosOrder order, List<String> problems) {
        text(order.title(), "title", 100, problems);
        text(order.note(), "note", 500, problems);
        text(order.filter(), "filter", 100, problems);
        PosOrder.Customer c = order.customer();
        if (c != null) {
            text(c.name(), "customer.name", 200, problems);
            text(c.taxId(), "customer.taxId", 32, problems);
            text(c.email(), "customer.email", 254, problems);
            text(c.telephone(), "customer.telephone", 32, problems);
        }
    }

    private static void text(String value, String at, int max, List<String> problems) {
        String problem = value == null ? null : TextField.problem(value, max);
        if (problem != null) {
            problems.add(at + ": " + problem);
        }
    }

    private static void checkDestination(PosOrder order, List<String> problems) {
        if (order.orderId() == null || !ORDER_ID.matcher(order.orderId()).matches()) {
            problems.add("orderId: required, 1 to 64 letters, digits or . _ : -");
        }
        boolean terminal = order.terminalId() != null;
        boolean branch = order.branchId() != null;
        if (terminal == branch) {
            problems.add("exactly one of terminalId and branchId is required");
        } else if (!DESTINATION_ID.matcher(terminal ? order.terminalId() : order.branchId()).matches()) {
            problems.add((terminal ? "terminalId" : "branchId") + ": 1 to 64 letters, digits or . _ -");
        }
        if (order.isInstant() && branch) {
            problems.add("instant: an instant basket goes to one terminal, not to a branch");
        }
        if (order.checkNumber() != null && order.checkNumber() < 0) {
            problems.add("checkNumber: must not be negative");
        }
    }

    private static TokenxBasket.Item item(PosOrder.Line line, String at, List<String> problems) {
        if (line == null) {
            problems.add(at + ": is empty");
            return null;
        }
        int before = problems.size();
        if (line.name() == null || line.name().isBlank()) {
            problems.add(at + ".name: required");
        }
        text(line.name(), at + ".name", 200, problems);
        text(line.sku(), at + ".sku", 64, problems);
        text(line.unit(), at + ".unit", 16, problems);
        Integer price = scaled(line.unitPrice(), 2, MAX_MONEY, at + ".unitPrice", "kuruş", problems);
        Integer quantity = scaled(line.quantity(), 3, MAX_QUANTITY, at + ".quantity", "thousandths", problems);
        Integer vat = scaled(line.vatRate(), 2, new BigDecimal("100"), at + ".vatRate", "hundredths of a percent", problems);
        if (line.section() != null && line.section() < 0) {
            problems.add(at + ".section: must not be negative");
        }
        if (price != null && quantity != null) {
            long cost = Math.multiplyExact((long) price, (long) quantity);   // in thousandths of a kuruş
            if (cost % 1000 != 0) {
                problems.add(at + ": " + line.quantity() + " × " + line.unitPrice() + " is not a whole number of kuruş");
            } else if (cost / 1000 > MAX_UNITS) {
                problems.add(at + ": " + line.quantity() + " × " + line.unitPrice() + " is more than TokenX can take (at most "
                        + money(MAX_UNITS) + " per line)");
            }
        }
        TokenxBasket.Adjust discount = adjust(line.discount(), at + ".discount", problems);
        if (problems.size() > before) {
            return null;
        }
        if (quantity == 0) {
            problems.add(at + ".quantity: must be more than 0");
            return null;
        }
        return new TokenxBasket.Item(line.name(), price, line.section(), vat, quantity,
                line.unit() == null || line.unit().isBlank() ? null : line.unit(), discount);
    }

    private static TokenxBasket.Adjust adjust(PosOrder.Discount discount, String at, List<String> problems) {
        if (discount == null) {
            return null;
        }
        text(discount.description(), at + ".description", 200, problems);
        Integer value = scaled(discount.amount(), 2, MAX_MONEY, at + ".amount", "kuruş", problems);
        // discountOrSurcharge 0 and type 0: a discount of a fixed amount (docs/tokenx-api-notes.md); the one place to change it.
        return value == null ? null : new TokenxBasket.Adjust(discount.description(), 0, 0, value);
    }

    private static TokenxBasket.Payment payment(PosOrder.Payment payment, String at, List<String> problems) {
        if (payment == null) {
            problems.add(at + ": is empty");
            return null;
        }
        Integer type = paymentType(payment.type());
        if (type == null) {
            problems.add(at + ".type: one of " + String.join(", ", PAYMENT_TYPES.keySet().stream().sorted().toList())
                    + " or a TokenX payment type number");
        }
        Integer amount = scaled(payment.amount(), 2, MAX_MONEY, at + ".amount", "kuruş", problems);
        return type == null || amount == null ? null : new TokenxBasket.Payment(type, amount, null);
    }

    private static Integer paymentType(String type) {
        if (type == null) {
            return null;
        }
        Integer named = PAYMENT_TYPES.get(type.trim().toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            int number = Integer.parseInt(type.trim());
            return number > 0 && number < 1000 ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal string as an exact whole number of 10^-decimals units, from 0 to max (at most {@value #MAX_UNITS} units). */
    private static Integer scaled(String text, int decimals, BigDecimal max, String at, String unit, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(at + ": required");
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            problems.add(at + ": '" + text + "' is not a decimal number");
            return null;
        }
        if (value.signum() < 0 || value.compareTo(max) > 0) {
            problems.add(at + ": " + text + " is outside 0 to " + max.toPlainString());
            return null;
        }
        BigDecimal units = value.movePointRight(decimals);
        if (units.stripTrailingZeros().scale() > 0) {
            problems.add(at + ": " + text + " is not a whole number of " + unit + "; it would have to be rounded");
            return null;
        }
        return units.intValueExact();
    }

    private static String money(long kurus) {
        return BigDecimal.valueOf(kurus, 2).toPlainString();
    }
}
