package io.posbridge.ops.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Arrays;

/**
 * A throwable as Logback prints it, with its message (and its causes' and suppressed ones') escaped and cut by
 * {@link LogText}: the first line of each throwable in a stack trace often quotes input (Jackson, SQL, our own
 * refusals). The stack frames come from code and are left as they are.
 */
final class EscapedThrowableProxy implements IThrowableProxy {

    private final IThrowableProxy original;
    private final int maxLength;

    EscapedThrowableProxy(IThrowableProxy original, int maxLength) {
        this.original = original;
        this.maxLength = maxLength;
    }

    static IThrowableProxy of(IThrowableProxy original, int maxLength) {
        return original == null ? null : new EscapedThrowableProxy(original, maxLength);
    }

    @Override
    public String getMessage() {
        return LogText.safe(original.getMessage(), maxLength);
    }

    /** What a throwable with its own toString() prints instead of "class: message"; it can quote input as well. */
    @Override
    public String getOverridingMessage() {
        return LogText.safe(original.getOverridingMessage(), maxLength);
    }

    @Override
    public String getClassName() {
        return original.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return original.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return original.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return of(original.getCause(), maxLength);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = original.getSuppressed();
        return suppressed == null ? null
                : Arrays.stream(suppressed).map(s -> of(s, maxLength)).toArray(IThrowableProxy[]::new);
    }

    @Override
    public boolean isCyclic() {
        return original.isCyclic();
    }
}
