package io.posbridge.ops.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The business ids of what a piece of code is working on, put in the MDC for as long as it works on it, so every
 * line it logs carries them (a JSON log line has them as fields of their own: docs/operations.md "Logs"). Used with
 * try-with-resources; closing puts back what the MDC held before, so no id outlives its work and none is left on a
 * pooled thread for the next, unrelated line. An id that is not known (null) is left out.
 */
public final class LogIds implements AutoCloseable {

    public static final String ORDER_ID = "orderId";
    public static final String BASKET_ID = "basketId";
    public static final String WI_TRX_ID = "wiTrxId";
    public static final String VSP_TRX_ID = "vspTrxId";
    /** Not set here: Camel's camel.routeId, shown under this name in JSON lines (JsonSafeLoggingEvent). */
    public static final String ROUTE_ID = "routeId";

    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogIds() {
    }

    /** A POS order and its TokenX basket. */
    public static LogIds order(String orderId, String basketId) {
        return new LogIds().put(ORDER_ID, orderId).put(BASKET_ID, basketId);
    }

    /** A Yoyo transaction: Yoyo's wiTrxId and, once one is given, posbridge's vspTrxId. */
    public static LogIds yoyo(String wiTrxId, String vspTrxId) {
        return new LogIds().put(WI_TRX_ID, wiTrxId).put(VSP_TRX_ID, vspTrxId);
    }

    private LogIds put(String key, String value) {
        if (value != null) {
            previous.putIfAbsent(key, MDC.get(key));
            MDC.put(key, value);
        }
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
