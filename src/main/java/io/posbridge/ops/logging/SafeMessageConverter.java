package io.posbridge.ops.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message ({@code %m}, {@code %msg}, {@code %message}; logback-spring.xml puts it in place of Logback's
 * own), escaped and cut by {@link LogText}. Messages carry values from outside (Yoyo ids, webhook operations, order
 * fields, exception texts), so this is the one place where none of them can forge a line or make a huge one,
 * whichever logger wrote it: posbridge's, Camel's {@code log:} steps, Spring's or Tomcat's.
 */
public class SafeMessageConverter extends ClassicConverter {

    private int maxLength = LogText.DEFAULT_MAX_LENGTH;

    @Override
    public void start() {
        maxLength = LogText.maxLength(getContext());
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.safe(event.getFormattedMessage(), maxLength);
    }
}
