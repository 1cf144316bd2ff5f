package io.posbridge.ops.page;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The operator page over plain HTTP: nothing of it without the admin credentials, and with them a page that runs only
 * its own script file, answers no cache may keep, and a summary with every section.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OperatorPageAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = basic("admin", "test-admin-password");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            /ops,             none
            /ops/,            none
            /ops/summary,     none
            /ops/ops.js,      none
            /ops/ops.css,     none
            /ops/no-such,     none
            /ops,             wrong-password
            /ops/summary,     wrong-password
            /ops/summary,     wrong-user
            /ops/summary,     bearer
            """)
    void withoutTheAdminCredentialsEveryPathAnswers401(String path, String credentials) throws Exception {
        String authorization = switch (credentials) {
            case "none" -> null;
            case "wrong-password" -> basic("admin", "not-the-password");
            case "wrong-user" -> basic("operator", "test-admin-password");
            default -> "Bearer test-admin-password";
        };

        HttpResponse<String> answer = get(path, authorization);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"posbridge admin\"");
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.readTree("{\"error\":\"admin credentials required\"}"));
    }

    @Test
    void thePageRunsOnlyItsOwnScriptFileAndNoAnswerIsCached() throws Exception {
        HttpResponse<String> page = get("/ops", ADMIN);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*", "data:");
        // No inline script, no event handler attribute, no inline style: the policy would block them anyway.
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page.body()).find()).isFalse();
        assertThat(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(page.body()).find()).isFalse();
        assertThat(page.body()).doesNotContain("style=", "<style").contains("<script src=\"/ops/ops.js\"");

        for (String path : new String[] {"/ops", "/ops/ops.js", "/ops/ops.css", "/ops/summary"}) {
            HttpResponse<String> answer = get(path, ADMIN);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        assertThat(get("/ops/ops.js", ADMIN).headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    }

    @Test
    void theScriptPutsValuesInAsTextOnly() throws Exception {
        String script = get("/ops/ops.js", ADMIN).body();

        assertThat(script).contains("textContent")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function");
    }

    @Test
    void theSummaryHasEverySectionAndNamesNoJavaType() throws Exception {
        // The test profile's TokenX is at 127.0.0.1:1: the client-settings sync at start-up cannot reach it. The
        // network library's exception is in the log; the page gets a phrase.
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/ops/summary", ADMIN).body())
                .path("tokenx").path("lastFailure").isObject());
        HttpResponse<String> answer = get("/ops/summary", ADMIN);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode summary = JSON.readTree(answer.body());
        assertThat(summary.fieldNames()).toIterable().containsExactly("generatedAt", "today", "tokenx", "ordersByState",
                "oldestOpenOrders", "recentRefusals", "pendingHolds", "routes");
        assertThat(summary.path("tokenx").path("breaker").path("state").asText()).isEqualTo("CLOSED");
        assertThat(summary.path("tokenx").path("lastFailure").path("code").asText()).isEqualTo("CONNECTION");
        assertThat(summary.path("tokenx").path("lastFailure").path("message").asText()).isEqualTo("cannot reach TokenX");
        assertThat(summary.path("ordersByState")).hasSize(11);
        assertThat(summary.path("oldestOpenOrders").isArray()).isTrue();
        assertThat(summary.path("recentRefusals").isArray()).isTrue();
        assertThat(summary.path("pendingHolds").isArray()).isTrue();
        assertThat(summary.path("routes")).isNotEmpty();
        assertThat(summary.path("routes").findValuesAsText("id")).contains("tokenx-call", "orders-from-http");
        assertThat(answer.body()).doesNotContain("java.", "Exception", "io.posbridge");
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
