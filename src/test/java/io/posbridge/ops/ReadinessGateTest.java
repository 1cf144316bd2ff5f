package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * While posbridge is not ready (starting, before its routes are up, or stopping), the paths its routes serve answer
 * 503 with Retry-After, never 404; once ready, they answer as usual.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReadinessGateTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pathsServedByRoutesAnswer503UntilReady() throws Exception {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            for (String[] call : List.of(new String[] {"POST", "/api/orders"}, new String[] {"GET", "/api/orders/X-1"},
                    new String[] {"DELETE", "/api/orders/X-1"}, new String[] {"POST", "/webhooks/tokenx"},
                    new String[] {"POST", "/yoyo/transaction"}, new String[] {"POST", "/yoyo/token-info"})) {
                HttpResponse<String> answer = send(call[0], call[1]);
                assertThat(answer.statusCode()).as(call[1]).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).as(call[1]).contains("5");
                assertThat(answer.body()).as(call[1]).contains("starting or stopping");
            }
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        HttpResponse<String> ready = send("GET", "/api/orders/X-1");
        assertThat(ready.statusCode()).isEqualTo(404);
        assertThat(ready.body()).contains("no order X-1");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer test-till-key").header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
