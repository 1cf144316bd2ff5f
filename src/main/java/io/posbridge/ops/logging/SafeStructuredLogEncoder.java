package io.posbridge.ops.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's structured log encoder (logging.structured.format.console / .file: ecs, logstash, gelf or a
 * formatter class), given each event with its message and its throwables' messages cut at
 * posbridge.logging.max-message-length, as the plain lines' converters do; see {@link JsonSafeLoggingEvent}.
 */
public class SafeStructuredLogEncoder extends StructuredLogEncoder {

    private static final String STACK_TRACE_SETTINGS = "logging.structured.json.stacktrace";

    private int maxLength = LogText.DEFAULT_MAX_LENGTH;
    private boolean cutThrowable = true;

    @Override
    public void start() {
        maxLength = LogText.maxLength(getContext());
        Object environment = getContext().getObject(Environment.class.getName());
        if (environment instanceof Environment spring) {
            // Spring Boot's stack trace printer, once configured, refuses any throwable but Logback's own record.
            cutThrowable = !Binder.get(spring)
                    .bind(STACK_TRACE_SETTINGS, Bindable.mapOf(String.class, String.class)).isBound();
        }
        super.start();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return super.encode(new JsonSafeLoggingEvent(event, maxLength, cutThrowable));
    }
}
