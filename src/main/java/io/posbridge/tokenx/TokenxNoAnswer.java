package io.posbridge.tokenx;

import java.io.InterruptedIOException;
import org.springframework.stereotype.Component;

/** Why no answer came from TokenX, as the {@link TokenxException} a caller gets. */
@Component("tokenxNoAnswer")
public class TokenxNoAnswer {

    /** The connection failed or the response did not arrive in time. Both mean "try again". */
    public void transportFailed(Exception cause) {
        boolean timeout = cause instanceof InterruptedIOException;
        throw new TokenxRetryException(timeout ? "TIMEOUT" : "CONNECTION",
                (timeout ? "no answer from TokenX in time: " : "cannot reach TokenX: ") + describe(cause), 0, cause);
    }

    /** The circuit breaker refused the call. */
    public void breakerOpen() {
        throw new TokenxUnavailableException();
    }

    private static String describe(Exception cause) {
        if (cause == null) {
            return "unknown";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
