package io.posbridge.tokenx;

/** The circuit breaker is open: the call failed fast and nothing reached TokenX. Park the work and re-drive it later. */
public class TokenxUnavailableException extends TokenxException {

    public TokenxUnavailableException() {
        super("BREAKER-OPEN", TokenxKind.UNAVAILABLE, "TokenX is unavailable (circuit breaker open)", 0);
    }
}
