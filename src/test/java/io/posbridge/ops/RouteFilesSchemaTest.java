package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every route file is valid against Camel's own YAML DSL schema, the one editors and visual tools (Kaoto, the VS Code
 * Camel extension) read routes through. The schema is read from the camel-yaml-dsl jar on the classpath, so it is
 * always the schema of the Camel version in the pom.
 */
class RouteFilesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            JsonNode schema = JSON.readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schema)).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    @Test
    void thereAreRouteFiles() throws IOException {
        assertThat(routeFiles()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFileIsValidAgainstTheYamlDslSchema(Path file) throws IOException {
        JsonNode routes = JSON.valueToTree(new Yaml().load(Files.readString(file)));
        assertThat(SCHEMA.validate(routes)).as(file.toString()).isEmpty();
    }
}
