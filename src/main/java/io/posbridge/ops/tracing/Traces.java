package io.posbridge.ops.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The span a bean runs in (Camel's span of its route, docs/operations.md#traces): posbridge's ids as its attributes,
 * and its W3C traceparent, which an order keeps so that its dispatch joins the trace its intake began. Without
 * tracing there is no current span: marks go nowhere and there is no traceparent.
 */
public final class Traces {

    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("posbridge.order_id");
    public static final AttributeKey<String> BASKET_ID = AttributeKey.stringKey("posbridge.basket_id");
    public static final AttributeKey<String> WI_TRX_ID = AttributeKey.stringKey("posbridge.wi_trx_id");
    public static final AttributeKey<String> VSP_TRX_ID = AttributeKey.stringKey("posbridge.vsp_trx_id");

    private Traces() {
    }

    /** Sets the attribute on the current span; a value not known yet (null) is left out. */
    public static void mark(AttributeKey<String> key, String value) {
        if (value != null) {
            Span.current().setAttribute(key, value);
        }
    }

    /** The current span as a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}), or null when nothing is traced. */
    public static String currentParent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
