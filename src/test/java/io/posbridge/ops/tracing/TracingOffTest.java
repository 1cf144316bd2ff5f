package io.posbridge.ops.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.posbridge.support.FreshPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.telemetry.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Traces off, as by default (no OTLP endpoint): Camel has no tracer and nothing is recorded, even with an exporter
 * bean there to take spans.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "posbridge.tokenx.enabled=false")
@ActiveProfiles("test")
@Import(TracingOffTest.SpansInMemory.class)
class TracingOffTest {

    @TestConfiguration
    static class SpansInMemory {
        @Bean
        InMemorySpanExporter inMemorySpans() {
            return InMemorySpanExporter.create();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CamelContext camel;

    @Autowired
    InMemorySpanExporter exporter;

    @Test
    void withNoEndpointThereIsNoTracerAndACallLeavesNoSpan() throws Exception {
        assertThat(camel.hasService(Tracer.class)).isNull();
        assertThat(camel.getRoutePolicyFactories()).noneMatch(Tracer.class::isInstance);
        assertThat(context.getBeanNamesForType(SdkTracerProvider.class)).isEmpty();
        assertThat(context.getBeanNamesForType(io.opentelemetry.api.trace.Tracer.class)).isEmpty();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/yoyo/transaction"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TracesTest.transaction("990001", "7000001"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat(Traces.currentParent()).isNull();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
}
