package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A route file dropped into the routes folder is loaded at start-up and runs; readiness reports it. */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RoutesFolderTest {

    private static final Path ROUTES = folderWithRoute();

    @DynamicPropertySource
    static void routesFolder(DynamicPropertyRegistry registry) {
        registry.add("posbridge.routes-dir", ROUTES::toString);
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;

    @Autowired
    HealthEndpoint health;

    @Test
    void loadsAndRunsARouteFromTheFolder() {
        assertThat(camel.getRoute("greeting")).isNotNull();
        assertThat(producer.requestBody("direct:greet", "till 7", String.class)).isEqualTo("hello till 7");
    }

    @Test
    void isReadyAndAliveWithCamelInTheReadinessGroup() {
        assertThat(http.getForObject(management("/actuator/health/readiness"), String.class)).contains("\"status\":\"UP\"");
        // Which checks readiness holds is read in-process: over HTTP it answers a status only.
        assertThat(((CompositeHealth) health.healthForPath("readiness")).getComponents()).containsKeys("camelHealth", "db");
        assertThat(http.getForObject(management("/actuator/health/liveness"), String.class)).contains("\"status\":\"UP\"");
        assertThat(http.getForObject(management("/actuator/info"), String.class)).contains("posbridge");
    }

    private String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    private static Path folderWithRoute() {
        try {
            Path dir = Files.createTempDirectory("posbridge-routes");
            Files.writeString(dir.resolve("greeting.camel.yaml"), """
                    - route:
                        id: greeting
                        from:
                          uri: direct:greet
                          steps:
                            - setBody:
                                simple: "hello ${body}"
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
