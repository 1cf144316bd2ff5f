package io.posbridge.tokenx;

/** What was asked has already happened: 1007 duplicate (on create, confirmed with a GET) or 1102 already completed. */
public class TokenxAlreadyDoneException extends TokenxException {

    public TokenxAlreadyDoneException(String code, String description, int httpStatus) {
        super(code, TokenxKind.ALREADY_DONE, description, httpStatus);
    }
}
