package io.posbridge.tokenx;

/** What a caller should do about a failed TokenX call. */
public enum TokenxKind {
    /** TokenX or the network failed for now (5xx, 0012, 429, timeouts, token problems); the client already retried. */
    RETRY,
    /** TokenX is busy with something else (1100 terminal busy, 1101 check number busy, 1018 locked): try again later. */
    RETRY_LATER,
    /** What was asked has already happened (1007 duplicate basket, 1102 already completed). */
    ALREADY_DONE,
    /** Asking again will not help: the request or the set-up must change. */
    PERMANENT,
    /** The circuit breaker is open: TokenX was failing, so nothing was sent. */
    UNAVAILABLE;

    /** Work that failed this way should be parked and re-driven later, not failed for good. */
    public boolean worthTryingLater() {
        return this == RETRY || this == RETRY_LATER || this == UNAVAILABLE;
    }
}
