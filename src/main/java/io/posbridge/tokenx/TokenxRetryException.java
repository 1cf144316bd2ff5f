package io.posbridge.tokenx;

/**
 * TokenX or the network failed for now (kind RETRY). The client redelivers these itself, with backoff, and the
 * circuit breaker counts them; a caller that still gets one should park the work and try later.
 */
public class TokenxRetryException extends TokenxException {

    public TokenxRetryException(String code, String description, int httpStatus, Throwable cause) {
        super(code, TokenxKind.RETRY, description, httpStatus, cause);
    }
}
