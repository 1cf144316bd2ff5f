package io.posbridge.tokenx;

import static io.posbridge.tokenx.TokenxKind.ALREADY_DONE;
import static io.posbridge.tokenx.TokenxKind.PERMANENT;
import static io.posbridge.tokenx.TokenxKind.RETRY;
import static io.posbridge.tokenx.TokenxKind.RETRY_LATER;

import java.util.Map;
import java.util.Set;

/**
 * The one table that says what each TokenX answer means: every status in docs/tokenx-api-notes.md, then the HTTP
 * status for answers whose body carries none (or one this table does not know).
 */
public final class TokenxStatusCodes {

    private static final Map<Integer, TokenxKind> BY_STATUS = Map.ofEntries(
            // Token and header errors: the token is dropped and the call sent once more at once (see isTokenRejected).
            Map.entry(1, RETRY),      // JWT algorithm mismatch
            Map.entry(2, RETRY),      // JWT expired
            Map.entry(3, RETRY),      // JWT signature invalid
            Map.entry(4, RETRY),      // Authorization header missing or malformed
            Map.entry(5, RETRY),      // claim cannot be extracted from the JWT
            Map.entry(6, PERMANENT),  // none of terminal-id, branch-id, merchant-id
            Map.entry(7, PERMANENT),  // more than one of them
            Map.entry(9, PERMANENT),  // forbidden (as the collection spells it)
            Map.entry(11, PERMANENT), // forbidden access
            Map.entry(12, RETRY),     // TokenX internal error
            Map.entry(13, PERMANENT), // x-application-resource header required
            Map.entry(1006, PERMANENT),   // no record found
            Map.entry(1007, ALREADY_DONE), // duplicate record: on create, confirmed with a GET
            Map.entry(1013, PERMANENT),   // wrong data format
            Map.entry(1018, RETRY_LATER), // order locked on the terminal
            Map.entry(1100, RETRY_LATER), // the terminal already has an open basket
            Map.entry(1101, RETRY_LATER), // an open basket exists for this check number
            Map.entry(1102, ALREADY_DONE), // basket already completed
            Map.entry(1103, PERMANENT),   // items and payments do not add up
            Map.entry(1104, PERMANENT),   // terminal mode does not take instant baskets
            Map.entry(1105, PERMANENT),   // basket status does not allow this
            Map.entry(1106, PERMANENT));  // device not found

    private static final Set<String> TOKEN_CODES = Set.of("0001", "0002", "0003", "0004", "0005", "HTTP-401");

    private TokenxStatusCodes() {
    }

    /** TokenX's status as the docs print it: four digits. */
    public static String code(int status) {
        return String.format("%04d", status);
    }

    /**
     * The kind of a failed answer. A 429 is rate limiting whatever the body says; otherwise a known TokenX
     * status decides, then the HTTP status: 5xx and 408 are TokenX failing, any other 4xx is a refusal.
     */
    public static TokenxKind kindOf(Integer status, int httpStatus) {
        if (httpStatus == 429) {
            return RETRY;
        }
        if (status != null && BY_STATUS.containsKey(status)) {
            return BY_STATUS.get(status);
        }
        if (httpStatus == 401 || httpStatus == 408 || httpStatus >= 500) {
            return RETRY;
        }
        return PERMANENT;
    }

    /** The answers after which the cached token must be dropped and the call sent once more with a new one. */
    public static boolean isTokenRejected(String code) {
        return TOKEN_CODES.contains(code);
    }

    /** The answers that say TokenX has no such record: status 1006, or HTTP 404. */
    public static boolean isNotFound(TokenxException e) {
        return code(1006).equals(e.code()) || e.httpStatus() == 404;
    }

    /**
     * The code a {@link TokenxException} carries: TokenX's own status when the body has one that is more than an
     * echo of the HTTP status, else "HTTP-" and the HTTP status.
     */
    public static String codeOf(Integer status, int httpStatus) {
        if (status != null && status != 0 && status != httpStatus) {
            return code(status);
        }
        return "HTTP-" + httpStatus;
    }
}
