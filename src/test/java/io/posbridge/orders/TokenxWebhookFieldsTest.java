package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a webhook's body becomes what posbridge keys, stores and acts on, without a server or a database. */
class TokenxWebhookFieldsTest {

    private static final String COMPLETED = """
            {"operation":"BASKET_COMPLETED","operationDate":"2025-03-10T08:42:18.640Z",
             "data":{"basketID":"33b33990-3d88-4676-8b4d-6a8c1d41d5bd","receiptNo":2,"status":%s,"lockedBy":"cashier-1"}}""";

    @Test
    void theDocumentedShapeGivesItsFieldsAndAKeyPerEvent() {
        TokenxWebhookFields fields = TokenxWebhookFields.of(COMPLETED.formatted("0"));
        assertThat(fields.operation()).isEqualTo("BASKET_COMPLETED");
        assertThat(fields.basketId()).isEqualTo("33b33990-3d88-4676-8b4d-6a8c1d41d5bd");
        assertThat(fields.key()).startsWith("BASKET_COMPLETED|33b33990-3d88-4676-8b4d-6a8c1d41d5bd|0|");
        assertThat(fields.data().path("receiptNo").intValue()).isEqualTo(2);
    }

    @Test
    void aStatusSentAsTextIsAnotherEventThanTheSameNumber() {
        assertThat(TokenxWebhookFields.of(COMPLETED.formatted("\"0\"")).key())
                .isNotEqualTo(TokenxWebhookFields.of(COMPLETED.formatted("0")).key());
    }

    @Test
    void aBodyPosbridgeCannotReadIsKeptUnderADigestOfItself() {
        TokenxWebhookFields fields = TokenxWebhookFields.of("not json");
        assertThat(fields.operation()).isEqualTo("UNREADABLE");
        assertThat(fields.basketId()).isNull();
        assertThat(fields.key()).startsWith("raw:");
    }

    @Test
    void aVeryLongStatusMakesAKeyThatStillFitsItsColumn() {
        assertThat(TokenxWebhookFields.of(COMPLETED.formatted("\"" + "9".repeat(5000) + "\"")).key())
                .startsWith("sha256:").hasSizeLessThanOrEqualTo(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"operation\":\"X\"}\u0000", "{\"operation\":{\"a\":1}}", "{\"operation\":\"A\\nB\"}",
            "{\"operationDate\":12}", "{\"data\":{\"basketID\":\"b\\u0000\"}}", "{\"data\":{\"lockedBy\":[1]}}",
            "{\"data\":{\"basketID\":\"\\ud800\"}}"})
    void fieldsThatCannotBeKeptAsTheyAreRefuseTheWebhook(String body) {
        assertThatThrownBy(() -> TokenxWebhookFields.of(body)).isInstanceOf(TokenxWebhookFields.Refused.class);
    }

    @Test
    void fieldsLongerThan64CharactersRefuseTheWebhook() {
        assertThatThrownBy(() -> TokenxWebhookFields.of("{\"operation\":\"" + "B".repeat(65) + "\"}"))
                .isInstanceOf(TokenxWebhookFields.Refused.class).hasMessage("operation is longer than 64 characters");
        assertThat(TokenxWebhookFields.of("{\"operation\":\"" + "B".repeat(64) + "\"}").operation()).hasSize(64);
    }

    @ParameterizedTest
    @CsvSource({"2025-03-10T08:42:18.640Z, 2025-03-10T08:42:18.640Z", "2025-03-10T08:42:18Z, 2025-03-10T08:42:18Z",
            "2025-03-10 08:42:18, 2025-03-10T08:42:18Z"})
    void operationDatesInTheFormatsSeen(String text, String expected) {
        assertThat(TokenxWebhookFields.parseDate(text)).isEqualTo(OffsetDateTime.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-13-40T99:99:99Z", "10/03/2025"})
    void anUnreadableDateIsKeptRawNotAFailure(String text) {
        assertThat(TokenxWebhookFields.parseDate(text)).isNull();
    }
}
