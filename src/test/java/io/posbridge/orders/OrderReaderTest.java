package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a till is told about a body that is not an order: in the order's terms, never Java's. */
class OrderReaderTest {

    /** Anything that would show the reader's insides: packages, classes, Jackson's vocabulary. */
    static final Pattern INTERNALS = Pattern.compile(
            "java\\.|io\\.posbridge|com\\.fasterxml|\\$|Exception|`|\\b(PosOrder|Line|Payment|Discount|Customer|Integer|String"
                    + "|Boolean|Long|BigDecimal|ArrayList|List|JsonNode|JsonToken|StreamReadConstraints|START_\\w+|Object value)\\b");

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{\"lines\":[{\"quantity\":{}}]}", "lines[0].quantity: a decimal string is expected"),
                Arguments.of("{\"lines\":[{\"name\":\"x\"},{\"unitPrice\":[\"1\"]}]}", "lines[1].unitPrice: a decimal string is expected"),
                Arguments.of("{\"lines\":[{\"vatRate\":{\"x\":1}}]}", "lines[0].vatRate: a decimal string is expected"),
                Arguments.of("{\"payments\":[{\"amount\":[]}]}", "payments[0].amount: a decimal string is expected"),
                Arguments.of("{\"discount\":{\"amount\":{}}}", "discount.amount: a decimal string is expected"),
                Arguments.of("{\"lines\":[{\"discount\":{\"amount\":{}}}]}", "lines[0].discount.amount: a decimal string is expected"),
                Arguments.of("{\"title\":{}}", "title: a text is expected"),
                Arguments.of("{\"orderId\":[\"A\"]}", "orderId: a text is expected"),
                Arguments.of("{\"checkNumber\":\"sixteen\"}", "checkNumber: a whole number is expected"),
                Arguments.of("{\"checkNumber\":1e40}", "checkNumber: a whole number is expected"),
                Arguments.of("{\"checkNumber\":16.5}", "checkNumber: a whole number is expected"),
                Arguments.of("{\"checkNumber\":{}}", "checkNumber: a whole number is expected"),
                Arguments.of("{\"checkNumber\":3000000000}", "checkNumber: a whole number from -2147483648 to 2147483647 is expected"),
                Arguments.of("{\"documentType\":-3000000000}",
                        "documentType: a whole number from -2147483648 to 2147483647 is expected"),
                Arguments.of("{\"lines\":[{\"section\":99999999999999}]}",
                        "lines[0].section: a whole number from -2147483648 to 2147483647 is expected"),
                Arguments.of("{\"lines\":[{\"section\":\"x\"}]}", "lines[0].section: a whole number is expected"),
                Arguments.of("{\"instant\":\"yes\"}", "instant: true or false is expected"),
                Arguments.of("{\"instant\":[]}", "instant: true or false is expected"),
                Arguments.of("{\"customer\":\"x\"}", "customer: an object is expected"),
                Arguments.of("{\"customer\":[]}", "customer: an object is expected"),
                Arguments.of("{\"customer\":{\"name\":{}}}", "customer.name: a text is expected"),
                Arguments.of("{\"discount\":7}", "discount: an object is expected"),
                Arguments.of("{\"lines\":{}}", "lines: a list is expected"),
                Arguments.of("{\"lines\":\"x\"}", "lines: a list is expected"),
                Arguments.of("{\"payments\":7}", "payments: a list is expected"),
                Arguments.of("{\"lines\":[1]}", "lines[0]: an object is expected"),
                Arguments.of("{\"lines\":[[]]}", "lines[0]: an object is expected"),
                Arguments.of("[]", "the order is not a JSON object"),
                Arguments.of("null", "the order is not a JSON object"),
                Arguments.of("\"order\"", "the order is not a JSON object"),
                Arguments.of("42", "the order is not a JSON object"),
                Arguments.of("   ", "the order is not a JSON object"),
                Arguments.of("{\"note\":" + "[".repeat(40) + "]".repeat(40) + "}", "the order is nested too deeply (at most 32 levels)"),
                Arguments.of("{\"x\":" + "{\"x\":".repeat(5000) + "1" + "}".repeat(5001), "the order is nested too deeply (at most 32 levels)"),
                Arguments.of("{\"note\":\"" + "n".repeat(70_000) + "\"}", "a text in the order is longer than 65536 characters"),
                Arguments.of("{\"checkNumber\":" + "9".repeat(100) + "}", "a number in the order is longer than 64 digits"),
                Arguments.of("{\n  \"orderId\": \"A\",\n  \"x\": tru\n}", "the order is not valid JSON (line 3, column 11)"),
                Arguments.of("{\"orderId\":", "the order is not valid JSON (line 1, column 12)"),
                Arguments.of("{\"orderId\":\"A\"} {\"orderId\":\"B\"}", "the order is not valid JSON (line 1, column 17)"),
                Arguments.of("{\"orderId\":'A'}", "the order is not valid JSON (line 1, column 12)"),
                Arguments.of("{\"checkNumber\":NaN}", "the order is not valid JSON (line 1, column 19)"),
                Arguments.of("{\"note\":\"a\u0001b\"}", "the order is not valid JSON (line 1, column 11)"),
                Arguments.of("not json", "the order is not valid JSON (line 1, column 4)"),
                Arguments.of("", "the order is empty"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void eachMalformedBodyIsToldInTheOrdersTerms(String body, String problem) {
        assertRefused(body.getBytes(StandardCharsets.UTF_8), problem);
    }

    static Stream<Arguments> notUtf8() {
        return Stream.of(
                Arguments.of(bytes(0x1F, 0x8B, 0x08, 0x00), 1),
                Arguments.of(bytes(0xFF, 0xFE, '{', 0, '}', 0), 0),
                Arguments.of(bytes(0xFE, 0xFF, 0, '{', 0, '}'), 0),
                Arguments.of(bytes('{', '"', 'n', 'o', 't', 'e', '"', ':', '"', 0xC0, 0xAF, '"', '}'), 9),
                Arguments.of(bytes('{', '"', 'n', '"', ':', '"', 0xE0, 0x80, 0xAF, '"', '}'), 6),
                Arguments.of(bytes('{', '"', 'n', '"', ':', '"', 0xED, 0xA0, 0x80, '"', '}'), 6),
                Arguments.of(bytes('{', '"', 'n', '"', ':', '"', 'M', 0xE1, 's', 'a', '"', '}'), 7),
                Arguments.of(bytes('{', '"', 'n', '"', ':', '"', 0xC5), 6));
    }

    @ParameterizedTest
    @MethodSource("notUtf8")
    void bytesThatAreNotUtf8AreRefusedNeverRepaired(byte[] body, int offset) {
        assertRefused(body, "the order is not valid UTF-8 (bad bytes at offset " + offset + ")");
    }

    @Test
    void aUtf8ByteOrderMarkIsDropped() {
        byte[] order = BasketMapperTest.ISSUE_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[order.length + 3];
        System.arraycopy(bytes(0xEF, 0xBB, 0xBF), 0, withBom, 0, 3);
        System.arraycopy(order, 0, withBom, 3, order.length);
        assertThat(OrderReader.parse(withBom)).isEqualTo(OrderReader.parse(order));
    }

    @Test
    void aNumberWhereADecimalStringIsExpectedKeepsEveryDigit() {
        PosOrder order = OrderReader.parse(("{\"lines\":[{\"unitPrice\":1.0000000000000001,\"quantity\":1.10,\"vatRate\":8}],"
                + "\"payments\":[{\"amount\":12345678901234567.89}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(order.lines().get(0).unitPrice()).isEqualTo("1.0000000000000001");
        assertThat(order.lines().get(0).quantity()).isEqualTo("1.10");
        assertThat(order.lines().get(0).vatRate()).isEqualTo("8");
        assertThat(order.payments().get(0).amount()).isEqualTo("12345678901234567.89");
    }

    private static void assertRefused(byte[] body, String problem) {
        assertThatThrownBy(() -> OrderReader.parse(body)).isInstanceOf(OrderRefused.class)
                .satisfies(e -> {
                    List<String> problems = ((OrderRefused) e).problems();
                    assertThat(problems).containsExactly(problem);
                    assertThat(problems).noneMatch(p -> INTERNALS.matcher(p).find());
                });
    }

    private static byte[] bytes(int... values) {
        byte[] answer = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            answer[i] = (byte) values[i];
        }
        return answer;
    }
}
