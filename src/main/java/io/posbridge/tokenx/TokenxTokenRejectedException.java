package io.posbridge.tokenx;

/** TokenX refused the access token (HTTP 401, status 0001–0005): the call is sent once more with a new token. */
public class TokenxTokenRejectedException extends TokenxRetryException {

    public TokenxTokenRejectedException(String code, String description, int httpStatus) {
        super(code, description, httpStatus, null);
    }
}
