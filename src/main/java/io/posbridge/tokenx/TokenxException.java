package io.posbridge.tokenx;

/**
 * A TokenX call that did not succeed, as every {@code direct:tokenx-*} endpoint reports it. Subclasses name the
 * kinds a route reacts to: {@link TokenxRetryException}, {@link TokenxAlreadyDoneException},
 * {@link TokenxUnavailableException}. {@link #code()} is
 * TokenX's status as four digits ("1100", "0006") or one of ours: "HTTP-503" (no status in the body),
 * "TIMEOUT", "CONNECTION", "BREAKER-OPEN", or a local refusal ("CONTEXT-HEADER", "INSTANT-BRANCH",
 * "FISCAL-MISMATCH", "INVALID-REQUEST").
 */
public class TokenxException extends RuntimeException {

    private final String code;
    private final TokenxKind kind;
    private final String description;
    private final int httpStatus;

    public TokenxException(String code, TokenxKind kind, String description, int httpStatus) {
        this(code, kind, description, httpStatus, null);
    }

    public TokenxException(String code, TokenxKind kind, String description, int httpStatus, Throwable cause) {
        // No stack trace: these are answers, logged one line each by the retry policy.
        super("TokenX " + code + " (" + kind + "): " + description, cause, false, false);
        this.code = code;
        this.kind = kind;
        this.description = description;
        this.httpStatus = httpStatus;
    }

    /**
     * The exception for a failed answer, typed by kind so that routes can catch it by class: Camel's bean predicates
     * (onWhen) see a copy of the exchange without its exception, so a kind cannot be tested there reliably.
     */
    public static TokenxException of(String code, TokenxKind kind, String description, int httpStatus) {
        if (TokenxStatusCodes.isTokenRejected(code)) {
            return new TokenxTokenRejectedException(code, description, httpStatus);
        }
        return switch (kind) {
            case RETRY -> new TokenxRetryException(code, description, httpStatus, null);
            case ALREADY_DONE -> new TokenxAlreadyDoneException(code, description, httpStatus);
            case UNAVAILABLE -> new TokenxUnavailableException();
            default -> new TokenxException(code, kind, description, httpStatus);
        };
    }

    /** A request refused before anything was sent to TokenX. */
    public static TokenxException refused(String code, String description) {
        return new TokenxException(code, TokenxKind.PERMANENT, description, 0);
    }

    public String code() {
        return code;
    }

    public TokenxKind kind() {
        return kind;
    }

    /** TokenX's own description, or ours for local refusals and transport failures. */
    public String description() {
        return description;
    }

    /** The HTTP status TokenX answered with; 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean worthTryingLater() {
        return kind.worthTryingLater();
    }
}
