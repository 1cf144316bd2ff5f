package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.posbridge.tokenx.TokenxBasket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasketMapperTest {

    private final BasketMapper mapper = new BasketMapper();

    private static PosOrder read(String json) {
        return OrderReader.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static final String ISSUE_EXAMPLE = """
            {"orderId":"ORD-1001","terminalId":"AV0000000001","instant":false,
             "checkNumber":16,"title":"Masa 16","note":"no onions","filter":"Bahçe",
             "lines":[{"sku":"P-1","name":"Pizza","unitPrice":"150.00","quantity":"1","vatRate":"10","section":1},
                      {"sku":"C-1","name":"Cola","unitPrice":"75.00","quantity":"1","vatRate":"20","section":2,"unit":"piece"}],
             "payments":[{"type":"CASH","amount":"225.00"}]}""";

    @Test
    void mapsTheIssueExampleExactly() {
        TokenxBasket basket = mapper.map(read(ISSUE_EXAMPLE));

        assertThat(basket.basketId()).isEqualTo(BasketMapper.basketIdOf("ORD-1001"));
        assertThat(basket.checkNumber()).isEqualTo(16);
        assertThat(basket.title()).isEqualTo("Masa 16");
        assertThat(basket.filter()).isEqualTo("Bahçe");
        assertThat(basket.note()).isEqualTo("no onions");
        assertThat(basket.items()).containsExactly(
                new TokenxBasket.Item("Pizza", 15000, 1, 1000, 1000, null, null),
                new TokenxBasket.Item("Cola", 7500, 2, 2000, 1000, "piece", null));
        assertThat(basket.paymentItems()).containsExactly(new TokenxBasket.Payment(1, 22500, null));
    }

    @Test
    void everyExampleOrderMapsExceptTheDeliberatelyWrongOne() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("examples/orders"))) {
            List<java.nio.file.Path> examples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
            for (java.nio.file.Path example : examples) {
                PosOrder order = OrderReader.parse(java.nio.file.Files.readAllBytes(example));
                if (example.getFileName().toString().startsWith("wrong")) {
                    assertThatThrownBy(() -> mapper.map(order)).as(example.toString()).isInstanceOf(OrderRefused.class)
                            .hasMessageContaining("payments add up to 100.00 but the lines come to 150.00");
                } else {
                    assertThat(mapper.map(order).items()).as(example.toString()).isNotEmpty();
                }
            }
        }
    }

    @Test
    void theBasketIdIsStableAndDiffersPerOrder() {
        assertThat(BasketMapper.basketIdOf("ORD-1")).isEqualTo(BasketMapper.basketIdOf("ORD-1"))
                .isNotEqualTo(BasketMapper.basketIdOf("ORD-2"))
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void convertsKilogramsFractionalVatAndDiscountsExactly() {
        TokenxBasket basket = mapper.map(read("""
                {"orderId":"K-1","branchId":"BR-7",
                 "lines":[{"name":"Cheese","unitPrice":"240.00","quantity":"0.250","vatRate":"8.5","unit":"KGM",
                           "discount":{"description":"loyalty","amount":"5.00"}}],
                 "discount":{"description":"round down","amount":"1.00"},
                 "payments":[{"type":"CARD","amount":"50.00"},{"type":"17","amount":"4.00"}]}"""));

        TokenxBasket.Item cheese = basket.items().get(0);
        assertThat(cheese.price()).isEqualTo(24000);
        assertThat(cheese.quantity()).isEqualTo(250);
        assertThat(cheese.taxPercent()).isEqualTo(850);
        assertThat(cheese.unit()).isEqualTo("KGM");
        assertThat(cheese.adjust()).isEqualTo(new TokenxBasket.Adjust("loyalty", 0, 0, 500));
        assertThat(basket.adjust()).isEqualTo(new TokenxBasket.Adjust("round down", 0, 0, 100));
        assertThat(basket.paymentItems()).extracting(TokenxBasket.Payment::type).containsExactly(3, 17);
    }

    @Test
    void refusesWhatWouldHaveToBeRoundedAndListsEveryProblem() {
        assertThatThrownBy(() -> mapper.map(read("""
                {"orderId":"bad order id!","terminalId":"T1","branchId":"B1",
                 "lines":[{"name":"","unitPrice":"1.005","quantity":"1.0001","vatRate":"abc"}],
                 "payments":[{"type":"GOLD","amount":"-1"}]}""")))
                .isInstanceOf(OrderRefused.class)
                .satisfies(e -> assertThat(((OrderRefused) e).problems()).containsExactlyInAnyOrder(
                        "orderId: required, 1 to 64 letters, digits or . _ : -",
                        "exactly one of terminalId and branchId is required",
                        "lines[0].name: required",
                        "lines[0].unitPrice: 1.005 is not a whole number of kuruş; it would have to be rounded",
                        "lines[0].quantity: 1.0001 is not a whole number of thousandths; it would have to be rounded",
                        "lines[0].vatRate: 'abc' is not a decimal number",
                        "payments[0].type: one of CARD, CASH, COMPLIMENTARY, MEAL_CARD, NO_CHARGE, OPEN_ACCOUNT or a TokenX payment type number",
                        "payments[0].amount: -1 is outside 0 to 21474836.47"));
    }

    /** One line and one payment, as a till would send them. */
    private static String oneLine(String quantity, String unitPrice, String paid) {
        return """
                {"orderId":"M-1","terminalId":"T1",
                 "lines":[{"name":"Gold","unitPrice":"%s","quantity":"%s","vatRate":"20"}],
                 "payments":[{"type":"CASH","amount":"%s"}]}""".formatted(unitPrice, quantity, paid);
    }

    @Test
    void aLineWhoseTotalWouldOverflowIsRefusedNotWrappedAround() {
        // price × quantity in thousandths of a kuruş is 18446744073724043616, past 64 bits; wrapped around it
        // came to 144.92, and a payment of 144.92 "added up".
        assertThatThrownBy(() -> mapper.map(read(oneLine("19000.212", "9708704341.68", "144.92"))))
                .isInstanceOf(OrderRefused.class)
                .hasMessage("lines[0].unitPrice: 9708704341.68 is outside 0 to 21474836.47");
        assertThatThrownBy(() -> mapper.map(read(oneLine("19000.212", "9708704341.68", "184467440737240436.16"))))
                .isInstanceOf(OrderRefused.class)
                .hasMessageContaining("lines[0].unitPrice: 9708704341.68 is outside 0 to 21474836.47")
                .hasMessageContaining("payments[0].amount: 184467440737240436.16 is outside 0 to 21474836.47");
    }

    @Test
    void everyAmountQuantityAndTotalFitsTokenxs32BitIntegersExactlyAtTheLimit() {
        TokenxBasket atMost = mapper.map(read(oneLine("1", "21474836.47", "21474836.47")));
        assertThat(atMost.items().get(0).price()).isEqualTo(Integer.MAX_VALUE);
        assertThat(atMost.paymentItems().get(0).amount()).isEqualTo(Integer.MAX_VALUE);

        TokenxBasket mostUnits = mapper.map(read(oneLine("2147483.647", "10.00", "21474836.47")));
        assertThat(mostUnits.items().get(0).quantity()).isEqualTo(Integer.MAX_VALUE);
        assertThat(mostUnits.items().get(0).lineTotal()).isEqualTo(Integer.MAX_VALUE);

        TokenxBasket twoLines = mapper.map(read("""
                {"orderId":"M-2","branchId":"B1",
                 "lines":[{"name":"A","unitPrice":"10737418.24","quantity":"1","vatRate":"20"},
                          {"name":"B","unitPrice":"10737418.23","quantity":"1","vatRate":"20"}],
                 "payments":[{"type":"CASH","amount":"10737418.24"},{"type":"CARD","amount":"10737418.23"}]}"""));
        assertThat(twoLines.items()).extracting(TokenxBasket.Item::lineTotal).containsExactly(1073741824L, 1073741823L);

        TokenxBasket discounted = mapper.map(read("""
                {"orderId":"M-3","terminalId":"T1",
                 "lines":[{"name":"A","unitPrice":"21474836.47","quantity":"1","vatRate":"20",
                           "discount":{"amount":"21474836.47"}}],
                 "payments":[{"type":"CASH","amount":"0.00"}]}"""));
        assertThat(discounted.items().get(0).adjust().value()).isEqualTo(Integer.MAX_VALUE);
        TokenxBasket basketDiscount = mapper.map(read("""
                {"orderId":"M-4","terminalId":"T1",
                 "lines":[{"name":"A","unitPrice":"21474836.47","quantity":"1","vatRate":"20"}],
                 "discount":{"amount":"21474836.47"},
                 "payments":[{"type":"CASH","amount":"0.00"}]}"""));
        assertThat(basketDiscount.adjust().value()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void oneKurusOverTheLimitIsRefusedForEachAmountQuantityAndTotal() {
        assertThatThrownBy(() -> mapper.map(read(oneLine("1", "21474836.48", "21474836.48"))))
                .isInstanceOf(OrderRefused.class)
                .satisfies(e -> assertThat(((OrderRefused) e).problems()).containsExactly(
                        "lines[0].unitPrice: 21474836.48 is outside 0 to 21474836.47",
                        "payments[0].amount: 21474836.48 is outside 0 to 21474836.47"));
        assertThatThrownBy(() -> mapper.map(read(oneLine("2147483.648", "10.00", "21474836.48"))))
                .hasMessageContaining("lines[0].quantity: 2147483.648 is outside 0 to 2147483.647");
        assertThatThrownBy(() -> mapper.map(read(oneLine("2", "10737418.24", "21474836.48"))))
                .isInstanceOf(OrderRefused.class)
                .satisfies(e -> assertThat(((OrderRefused) e).problems()).containsExactly(
                        "lines[0]: 2 × 10737418.24 is more than TokenX can take (at most 21474836.47 per line)",
                        "payments[0].amount: 21474836.48 is outside 0 to 21474836.47"));
        assertThatThrownBy(() -> mapper.map(read("""
                {"orderId":"M-3","terminalId":"T1",
                 "lines":[{"name":"A","unitPrice":"10737418.24","quantity":"1","vatRate":"20"},
                          {"name":"B","unitPrice":"10737418.24","quantity":"1","vatRate":"20",
                           "discount":{"amount":"21474836.48"}}],
                 "payments":[{"type":"CASH","amount":"0.01"}]}""")))
                .isInstanceOf(OrderRefused.class)
                .satisfies(e -> assertThat(((OrderRefused) e).problems()).containsExactly(
                        "lines[1].discount.amount: 21474836.48 is outside 0 to 21474836.47"));
        assertThatThrownBy(() -> mapper.map(read("""
                {"orderId":"M-4","terminalId":"T1",
                 "lines":[{"name":"A","unitPrice":"10737418.24","quantity":"1","vatRate":"20"},
                          {"name":"B","unitPrice":"10737418.24","quantity":"1","vatRate":"20"}],
                 "discount":{"amount":"0.01"},
                 "payments":[{"type":"CASH","amount":"21474836.47"}]}""")))
                .isInstanceOf(OrderRefused.class)
                .hasMessage("the lines come to 21474836.48, more than TokenX can take (at most 21474836.47 per basket)");
    }

    @Test
    void refusesPaymentsThatDoNotAddUp() {
        String order = ISSUE_EXAMPLE.replace("\"amount\":\"225.00\"", "\"amount\":\"220.00\"");
        assertThatThrownBy(() -> mapper.map(read(order))).isInstanceOf(OrderRefused.class)
                .hasMessage("payments add up to 220.00 but the lines come to 225.00");
    }

    @Test
    void refusesALineWhoseTotalIsNotAWholeKurus() {
        assertThatThrownBy(() -> mapper.map(read("""
                {"orderId":"F-1","terminalId":"T1","lines":[{"name":"Nuts","unitPrice":"0.01","quantity":"0.5","vatRate":"1"}],
                 "payments":[{"type":"CASH","amount":"0.01"}]}""")))
                .hasMessageContaining("lines[0]: 0.5 × 0.01 is not a whole number of kuruş");
    }

    @Test
    void refusesAnInstantBasketForABranchAndWrongTypes() {
        assertThatThrownBy(() -> mapper.map(read(ISSUE_EXAMPLE.replace("\"terminalId\":\"AV0000000001\",\"instant\":false",
                "\"branchId\":\"B1\",\"instant\":true"))))
                .hasMessageContaining("instant: an instant basket goes to one terminal, not to a branch");
        assertThatThrownBy(() -> read("{\"orderId\":\"X\",\"checkNumber\":\"sixteen\"}"))
                .isInstanceOf(OrderRefused.class).hasMessage("checkNumber: a whole number is expected");
        assertThatThrownBy(() -> read("not json")).isInstanceOf(OrderRefused.class)
                .hasMessageStartingWith("the order is not valid JSON");
    }
}
