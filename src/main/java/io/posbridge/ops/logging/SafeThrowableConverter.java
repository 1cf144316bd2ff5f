package io.posbridge.ops.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's stack trace ({@code %wEx}, the default exception word of its patterns, and {@code %wex}), with
 * each throwable's message escaped and cut; the frames stay one per line as usual.
 */
public class SafeThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

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
