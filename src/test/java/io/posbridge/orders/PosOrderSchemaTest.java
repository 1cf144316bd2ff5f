package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The published schema and the examples agree, and the schema refuses what the reader refuses. */
class PosOrderSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(Path.of("schemas/pos-order.schema.json")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyExampleOrderIsValidAgainstTheSchema() throws Exception {
        try (var files = Files.list(Path.of("examples/orders"))) {
            List<Path> examples = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(examples).isNotEmpty();
            for (Path example : examples) {
                // wrong-total.json is well formed; only its sums are wrong, which no schema can see.
                assertThat(SCHEMA.validate(JSON.readTree(example.toFile()))).as(example.toString()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"terminalId\":\"T\",\"lines\":[{\"name\":\"x\",\"unitPrice\":\"1.00\",\"quantity\":\"1\",\"vatRate\":\"10\"}],\"payments\":[{\"type\":\"CASH\",\"amount\":\"1.00\"}]}",
        "{\"orderId\":\"O\",\"terminalId\":\"T\",\"branchId\":\"B\",\"lines\":[{\"name\":\"x\",\"unitPrice\":\"1.00\",\"quantity\":\"1\",\"vatRate\":\"10\"}],\"payments\":[{\"type\":\"CASH\",\"amount\":\"1.00\"}]}",
        "{\"orderId\":\"O\",\"terminalId\":\"T\",\"lines\":[{\"name\":\"x\",\"unitPrice\":\"1.005\",\"quantity\":\"1\",\"vatRate\":\"10\"}],\"payments\":[{\"type\":\"CASH\",\"amount\":\"1.00\"}]}",
        "{\"orderId\":\"O\",\"terminalId\":\"T\",\"lines\":[{\"name\":\"x\",\"unitPrice\":\"1.00\",\"quantity\":\"0.0001\",\"vatRate\":\"10\"}],\"payments\":[{\"type\":\"CASH\",\"amount\":\"1.00\"}]}",
        "{\"orderId\":\"O\",\"branchId\":\"B\",\"instant\":true,\"lines\":[{\"name\":\"x\",\"unitPrice\":\"1.00\",\"quantity\":\"1\",\"vatRate\":\"10\"}],\"payments\":[{\"type\":\"CASH\",\"amount\":\"1.00\"}]}",
        "{\"orderId\":\"O\",\"terminalId\":\"T\",\"lines\":[],\"payments\":[{\"type\":\"CASH\",\"amount\":\"1.00\"}]}",
        "{\"orderId\":\"O\",\"terminalId\":\"T\",\"checkNumber\":3000000000,\"lines\":[{\"name\":\"x\",\"unitPrice\":\"1.00\",\"quantity\":\"1\",\"vatRate\":\"10\"}],\"payments\":[{\"type\":\"CASH\",\"amount\":\"1.00\"}]}"
    })
    void theSchemaRefusesWhatTheReaderRefuses(String order) throws Exception {
        JsonNode json = JSON.readTree(order);
        assertThat(SCHEMA.validate(json)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BasketMapper().map(OrderReader.parse(order.getBytes())))
                .isInstanceOf(OrderRefused.class);
    }
}
