package io.posbridge.ops.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Traces (docs/operations.md#traces): Camel's spans of routes and calls, exported over OTLP/HTTP (protobuf) as service
 * posbridge. Only when posbridge.tracing.otlp-endpoint is set: otherwise none of these beans exists, Camel has no
 * tracer, and nothing is recorded or sent. The camel-opentelemetry2 starter's own tracer is switched off in
 * application.yaml, as it would trace through OpenTelemetry's global no-op whatever the setting.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TracingConfiguration.EndpointSet.class)
public class TracingConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TracingConfiguration.class);

    /** An attribute longer than this is cut: webhook and Yoyo ids come from outside. */
    private static final int MAX_ATTRIBUTE_LENGTH = 256;

    /**
     * Spans go to the OTLP endpoint, or to an exporter bean when the application has one (the tests do). A new trace
     * is kept at samplingRatio; a span with a parent follows its parent's decision, so a trace is kept or dropped
     * whole, an order's dispatch (its parent kept with the order) included.
     */
    @Bean(destroyMethod = "close")
    SdkTracerProvider posbridgeTracerProvider(TracingProperties settings, ObjectProvider<SpanExporter> exporterBean) {
        SpanExporter exporter = exporterBean.getIfAvailable(
                () -> OtlpHttpSpanExporter.builder().setEndpoint(settings.tracesUrl()).build());
        URI collector = URI.create(settings.tracesUrl());
        // The host only: a URL's user-info would be a password in the log.
        LOG.info("traces on: OTLP to {}://{}{}, sampling ratio {}", collector.getScheme(), collector.getHost(),
                collector.getPort() < 0 ? "" : ":" + collector.getPort(), settings.samplingRatio());
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(
                        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "posbridge"))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.samplingRatio())))
                .setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(MAX_ATTRIBUTE_LENGTH).build())
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
    }

    /** Found by Camel's tracer in the registry (it would otherwise take OpenTelemetry's global one). */
    @Bean
    Tracer posbridgeSpanTracer(SdkTracerProvider provider) {
        return provider.get("org.apache.camel");
    }

    /** W3C trace context in and out: traceparent headers of HTTP calls and queue messages. */
    @Bean
    ContextPropagators posbridgeTracePropagators() {
        return ContextPropagators.create(W3CTraceContextPropagator.getInstance());
    }

    /**
     * Camel's tracer: a span per route and per endpoint call. Timer routes are left out: a tick that finds nothing
     * to do would be a trace of its own every few hundred milliseconds, and an order's dispatch joins the order's
     * trace (routes/orders-dispatch.camel.yaml) rather than the tick's. It looks the span tracer and the propagators
     * up in the registry as it starts, here: they are parameters so that they exist by then.
     */
    @Bean
    OpenTelemetryTracer camelOpenTelemetryTracer(CamelContext camelContext, Tracer spanTracer,
            ContextPropagators propagators) {
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setExcludePatterns("timer:*");
        tracer.init(camelContext);
        return tracer;
    }

    /** Traces are on when posbridge.tracing.otlp-endpoint has a value. */
    static class EndpointSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("posbridge.tracing.otlp-endpoint"));
        }
    }
}
