package io.posbridge.ops.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's own stack trace words ({@code %ex}, {@code %xEx} and their long names), with each throwable's message
 * escaped and cut, for a pattern given in {@code logging.pattern.*} or {@code logging.exception-conversion-word}
 * that uses them instead of Spring Boot's {@code %wEx}.
 */
public class SafePlainThrowableConverter extends ExtendedThrowableProxyConverter {

    private int maxLength = LogText.DEFAULT_MAX_LENGTH;

    @Override
    public void start() {
        maxLength = LogText.maxLength(getContext());
        super.start();
    }

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(SafeMessagesThrowableProxy.escaped(proxy, maxLength));
    }
}
