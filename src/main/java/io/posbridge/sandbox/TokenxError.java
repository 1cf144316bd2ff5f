package io.posbridge.sandbox;

import org.springframework.http.HttpStatus;

/**
 * A refusal the simulator answers the way TokenX does: an HTTP status and {@code {"status":<code>,"description":…}}.
 * The factory methods are TokenX's status table (docs/tokenx-api-notes.md, "Status codes").
 */
public class TokenxError extends RuntimeException {

    private final HttpStatus httpStatus;
    private final int code;

    public TokenxError(HttpStatus httpStatus, int code, String description) {
        super(description);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public HttpStatus httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    static TokenxError tokenExpired() {
        return new TokenxError(HttpStatus.UNAUTHORIZED, 2, "JWT token has expired and is no longer valid.");
    }

    static TokenxError tokenInvalid() {
        return new TokenxError(HttpStatus.UNAUTHORIZED, 3,
                "JWT token's signature is invalid or does not match the expected signature.");
    }

    static TokenxError authorizationMissing() {
        return new TokenxError(HttpStatus.UNAUTHORIZED, 4, "Authorization header is missing or improperly formatted.");
    }

    static TokenxError noContextHeader() {
        return new TokenxError(HttpStatus.BAD_REQUEST, 6, "One of terminal-id, branch-id, merchant-id must be present.");
    }

    static TokenxError severalContextHeaders() {
        return new TokenxError(HttpStatus.BAD_REQUEST, 7,
                "Only one of terminal-id, branch-id, merchant-id must be present.");
    }

    static TokenxError forbidden(String detail) {
        return new TokenxError(HttpStatus.FORBIDDEN, 11, "Forbidden access: " + detail);
    }

    static TokenxError internal() {
        return new TokenxError(HttpStatus.INTERNAL_SERVER_ERROR, 12, "Internal server error.");
    }

    static TokenxError noRecord(String detail) {
        return new TokenxError(HttpStatus.NOT_FOUND, 1006, "No record found: " + detail);
    }

    static TokenxError duplicate(String detail) {
        return new TokenxError(HttpStatus.BAD_REQUEST, 1007, "DB error: Duplicate record: " + detail);
    }

    static TokenxError wrongFormat(String detail) {
        return new TokenxError(HttpStatus.BAD_REQUEST, 1013, "Wrong data format: " + detail);
    }

    static TokenxError locked(String basketId) {
        return new TokenxError(HttpStatus.BAD_REQUEST, 1018,
                "Error: Order locked! For this operation you must first unlock the order (" + basketId + ")");
    }

    static TokenxError terminalBusy(String terminalId) {
        return new TokenxError(HttpStatus.BAD_REQUEST, 1100,
                "There is already an open basket assigned to this terminal (" + terminalId + ")");
    }

    static TokenxError checkNumberBusy(int checkNumber) {
        return new TokenxError(HttpStatus.BAD_REQUEST, 1101,
                "There is already an open basket for this check number (" + checkNumber + ")");
    }

    static TokenxError alreadyCompleted(String basketId) {
        return new TokenxError(HttpStatus.BAD_REQUEST, 1102, "This basket has already been completed (" + basketId + ")");
    }

    static TokenxError totalsDiffer(long items, long payments) {
        return new TokenxError(HttpStatus.BAD_REQUEST, 1103, "The total of the items and the total payment amount are "
                + "not equal (items " + items + ", payments " + payments + ")");
    }

    static TokenxError notInstantMode(String terminalId) {
        return new TokenxError(HttpStatus.BAD_REQUEST, 1104,
                "This terminals mode is not suitable for receiving instant baskets (" + terminalId + ")");
    }

    static TokenxError deviceNotFound(String terminalId) {
        return new TokenxError(HttpStatus.NOT_FOUND, 1106, "Device not found (" + terminalId + ")");
    }
}
