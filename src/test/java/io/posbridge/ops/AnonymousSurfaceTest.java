package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.support.FreshPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What anyone who can reach posbridge sees without credentials: on the application port no actuator endpoint at all;
 * on the management port health and the probes answer a status and nothing more; and an unknown path on either
 * (/error among them) a small JSON 404 that names no Java type.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AnonymousSurfaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"})
    void healthAndTheProbesAnswerTheirStatusOnly(String path) {
        // Readiness waits for the first poll of the order inbox, a moment after start-up.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Answer answer = get(managementPort, path, "application/json");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("status").asText()).isEqualTo("UP");
            // Besides the status, the root names the probe groups, nothing else.
            assertThat(answer.json().fieldNames()).toIterable().isSubsetOf("status", "groups");
            assertThat(answer.body()).doesNotContain("details", "components", "diskSpace", "camelHealth", "\"db\"",
                    "tokenx", "path", Path.of("").toAbsolutePath().toString());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/diskSpace", "/actuator/health/db", "/actuator/health/tokenx",
        "/actuator/health/readiness/db"})
    void noComponentCanBeAskedForByName(String path) throws Exception {
        Answer answer = get(managementPort, path, "application/json");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("diskSpace", "details", "path", Path.of("").toAbsolutePath().toString());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            /error,                  application/json
            /error,                  text/html
            /no-such-path,           application/json
            /no-such-path,           text/html
            /no-such-path,           */*
            /actuator/env,           application/json
            /actuator/configprops,   application/json
            /actuator/no-such-thing, application/json
            /actuator,               application/json
            /actuator/health,        application/json
            /actuator/health/readiness, application/json
            /actuator/info,          application/json
            /actuator/metrics,       application/json
            /actuator/prometheus,    text/plain
            /yoyo/no-such-call,      application/json
            /webhooks/tokenx/x,      application/json
            /,                       text/html
            """)
    void anUnknownPathIsASmallJson404(String path, String accept) throws Exception {
        Answer answer = get(port, path, accept);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json()).isEqualTo(JSON.readTree("{\"status\":404,\"error\":\"Not Found\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/configprops", "/actuator/no-such-thing", "/no-such-path"})
    void anUnknownPathOnTheManagementPortIsASmallJson404(String path) throws Exception {
        Answer answer = get(managementPort, path, "application/json");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).isEqualTo(JSON.readTree("{\"status\":404,\"error\":\"Not Found\"}"));
    }

    @Test
    void aRefusedMethodOnTheManagementPortIsSmallJsonToo() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                .header("Accept", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(response.body())).isEqualTo(
                JSON.readTree("{\"status\":405,\"error\":\"Method Not Allowed\"}"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            GET,    /yoyo/transaction
            GET,    /webhooks/tokenx
            """)
    void aRefusedMethodIsSmallJsonToo(String method, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(response.body())).isEqualTo(
                JSON.readTree("{\"status\":405,\"error\":\"Method Not Allowed\"}"));
    }

    @Test
    void infoShowsTheApplicationOnly() throws Exception {
        Answer answer = get(managementPort, "/actuator/info", "application/json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().fieldNames()).toIterable().containsExactly("app");
    }

    private Answer get(int port, String path, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }
}
