package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A completed basket's status, as TokenX may send it: only the JSON integers 0, -1 and 99 decide an outcome. */
class OrderOutcomesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"0, COMPLETED", "-1, CANCELLED", "99, VOIDED"})
    void theThreeStatusesTokenxDocuments(String status, OrderState state) throws Exception {
        assertThat(OrderOutcomes.ofSaleStatus(JSON.readTree(status))).isEqualTo(state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0\"", "\"-1\"", "null", "[0]", "{}", "0.0", "-1.0", "99.0", "1", "98", "true", "false", "\"\"",
            "4294967296", "-4294967297", "1e2"})
    void anythingElseDecidesNothing(String status) throws Exception {
        assertThat(OrderOutcomes.ofSaleStatus(JSON.readTree(status))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"status\":null}", "{\"sale\":{\"status\":0}}"})
    void aMissingStatusDecidesNothing(String data) throws Exception {
        JsonNode status = JSON.readTree(data).path("status");
        assertThat(OrderOutcomes.ofSaleStatus(status)).isNull();
    }
}
