package io.posbridge.ops.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The summary's SQL on the embedded H2 the sandbox profiles use (PostgreSQL mode), not only on PostgreSQL: every
 * database section reads, none says "unavailable".
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("tokenx-simulator")
class OperatorSummaryOnH2Test {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Test
    void everyDatabaseSectionReadsOnH2() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        db.sql("INSERT INTO orders (order_id, arrival, basket_id, source, fingerprint, terminal_id, basket, state, reason, "
                        + "received_at, updated_at) VALUES ('H2-1', 1, 'b-1', 'HTTP', 'f', 'T-H2', '{}', 'WAITING', "
                        + "'TokenX unavailable', ?, ?)")
                .params(now, now).update();
        db.sql("INSERT INTO order_events (event_key, order_id, kind, operation, detail, received_at) "
                        + "VALUES ('STATE:1', 'H2-1', 'STATE', 'REJECTED', 'refused', ?)")
                .params(now).update();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ops/summary"))
                        .header("Authorization", OperatorPageAccessTest.basic("admin", "sandbox-admin")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode summary = JSON.readTree(answer.body());
        assertThat(summary.findValues("unavailable")).as(answer.body()).isEmpty();
        assertThat(summary.path("oldestOpenOrders").get(0).path("orderId").asText()).isEqualTo("H2-1");
        assertThat(summary.path("oldestOpenOrders").get(0).path("openOrders").asLong()).isEqualTo(1);
        assertThat(summary.path("recentRefusals").get(0).path("reason").asText()).isEqualTo("refused");
        assertThat(summary.path("pendingHolds").isArray()).isTrue();
    }
}
