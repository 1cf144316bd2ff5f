package io.posbridge.ops.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A throwable as Logback prints it, with its message (and its causes' and suppressed ones') made safe by
 * {@link LogText}: the first line of each throwable in a stack trace often quotes input (Jackson, SQL, our own
 * refusals). The stack frames come from code and are left as they are.
 */
final class SafeMessagesThrowableProxy implements IThrowableProxy {

    private final IThrowableProxy original;
    private final UnaryOperator<String> safe;

    private SafeMessagesThrowableProxy(IThrowableProxy original, UnaryOperator<String> safe) {
        this.original = original;
        this.safe = safe;
    }

    /** For a text line: messages escaped and cut. */
    static IThrowableProxy escaped(IThrowableProxy original, int maxLength) {
        return of(original, text -> LogText.safe(text, maxLength));
    }

    /** For JSON, whose own escaping keeps control characters inside the value: messages only cut. */
    static IThrowableProxy cut(IThrowableProxy original, int maxLength) {
        return of(original, text -> LogText.cut(text, maxLength));
    }

    private static IThrowableProxy of(IThrowableProxy original, UnaryOperator<String> safe) {
        return original == null ? null : new SafeMessagesThrowableProxy(original, safe);
    }

    @Override
    public String getMessage() {
        return safe.apply(original.getMessage());
    }

    /** What a throwable with its own toString() prints instead of "class: message"; it can quote input as well. */
    @Override
    public String getOverridingMessage() {
        return safe.apply(original.getOverridingMessage());
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
        return of(original.getCause(), safe);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = original.getSuppressed();
        return suppressed == null ? null
                : Arrays.stream(suppressed).map(s -> of(s, safe)).toArray(IThrowableProxy[]::new);
    }

    @Override
    public boolean isCyclic() {
        return original.isCyclic();
    }
}
