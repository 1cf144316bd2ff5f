package io.posbridge.ops.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event as a JSON log line should see it: its message, its throwables' messages and its MDC values cut by
 * {@link LogText#cut} (the JSON writer escapes control characters itself), and Camel's route id also under the name
 * {@code routeId}, so that every line logged inside a route has the same field name as posbridge's own ids.
 * Everything else is the event's own.
 */
final class JsonSafeLoggingEvent implements ILoggingEvent {

    /** The MDC key Camel fills with the current route's id while an exchange is routed (camel.main.use-mdc-logging). */
    static final String CAMEL_ROUTE_ID = "camel.routeId";

    private final ILoggingEvent event;
    private final int maxLength;
    private final boolean cutThrowable;

    /**
     * @param cutThrowable false when Spring Boot's stack trace printer (logging.structured.json.stacktrace.*) prints
     *     the stack trace: it needs the original throwable, and it has a length limit of its own.
     */
    JsonSafeLoggingEvent(ILoggingEvent event, int maxLength, boolean cutThrowable) {
        this.event = event;
        this.maxLength = maxLength;
        this.cutThrowable = cutThrowable;
    }

    @Override
    public String getFormattedMessage() {
        return LogText.cut(event.getFormattedMessage(), maxLength);
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return cutThrowable ? SafeMessagesThrowableProxy.cut(event.getThrowableProxy(), maxLength)
                : event.getThrowableProxy();
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return mdc;
        }
        Map<String, String> safe = new LinkedHashMap<>(mdc.size() + 1);
        mdc.forEach((key, value) -> safe.put(key, LogText.cut(value, maxLength)));
        String routeId = safe.get(CAMEL_ROUTE_ID);
        if (routeId != null) {
            safe.putIfAbsent(LogIds.ROUTE_ID, routeId);
        }
        return safe;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
        return getMDCPropertyMap();
    }

    @Override
    public String getThreadName() {
        return event.getThreadName();
    }

    @Override
    public Level getLevel() {
        return event.getLevel();
    }

    @Override
    public String getMessage() {
        return event.getMessage();
    }

    @Override
    public Object[] getArgumentArray() {
        return event.getArgumentArray();
    }

    @Override
    public String getLoggerName() {
        return event.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return event.getLoggerContextVO();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return event.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
        return event.hasCallerData();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Marker getMarker() {
        return event.getMarker();
    }

    @Override
    public List<Marker> getMarkerList() {
        return event.getMarkerList();
    }

    @Override
    public long getTimeStamp() {
        return event.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
        return event.getNanoseconds();
    }

    @Override
    public Instant getInstant() {
        return event.getInstant();
    }

    @Override
    public long getSequenceNumber() {
        return event.getSequenceNumber();
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return event.getKeyValuePairs();
    }

    @Override
    public void prepareForDeferredProcessing() {
        event.prepareForDeferredProcessing();
    }
}
