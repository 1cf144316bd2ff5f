package io.posbridge.tokenx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table: every status TokenX documents, and the HTTP statuses for answers without a known one. */
class TokenxStatusCodesTest {

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({
            "1, RETRY", "2, RETRY", "3, RETRY", "4, RETRY", "5, RETRY",
            "6, PERMANENT", "7, PERMANENT", "9, PERMANENT", "11, PERMANENT", "12, RETRY", "13, PERMANENT",
            "1006, PERMANENT", "1007, ALREADY_DONE", "1013, PERMANENT", "1018, RETRY_LATER",
            "1100, RETRY_LATER", "1101, RETRY_LATER", "1102, ALREADY_DONE", "1103, PERMANENT",
            "1104, PERMANENT", "1105, PERMANENT", "1106, PERMANENT"})
    void everyDocumentedStatusHasItsKindWhateverTheHttpStatus(int status, TokenxKind kind) {
        assertThat(TokenxStatusCodes.kindOf(status, 400)).isEqualTo(kind);
        assertThat(TokenxStatusCodes.kindOf(status, 500)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"429, RETRY", "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY", "408, RETRY", "401, RETRY",
            "400, PERMANENT", "403, PERMANENT", "404, PERMANENT", "409, PERMANENT"})
    void withoutAKnownStatusTheHttpStatusDecides(int httpStatus, TokenxKind kind) {
        assertThat(TokenxStatusCodes.kindOf(null, httpStatus)).isEqualTo(kind);
        assertThat(TokenxStatusCodes.kindOf(9999, httpStatus)).isEqualTo(kind);
    }

    @Test
    void rateLimitingIsRetriedWhateverTheBodySays() {
        assertThat(TokenxStatusCodes.kindOf(1103, 429)).isEqualTo(TokenxKind.RETRY);
    }

    @Test
    void codesAreTokenxsFourDigitsOrTheHttpStatus() {
        assertThat(TokenxStatusCodes.codeOf(6, 400)).isEqualTo("0006");
        assertThat(TokenxStatusCodes.codeOf(1100, 400)).isEqualTo("1100");
        assertThat(TokenxStatusCodes.codeOf(403, 403)).isEqualTo("HTTP-403");
        assertThat(TokenxStatusCodes.codeOf(null, 503)).isEqualTo("HTTP-503");
    }

    @Test
    void tokenErrorsAreTheOnesThatRenewTheToken() {
        assertThat(TokenxStatusCodes.isTokenRejected("0002")).isTrue();
        assertThat(TokenxStatusCodes.isTokenRejected("HTTP-401")).isTrue();
        assertThat(TokenxStatusCodes.isTokenRejected("0006")).isFalse();
        assertThat(TokenxException.of("0003", TokenxKind.RETRY, "x", 401)).isInstanceOf(TokenxTokenRejectedException.class);
        assertThat(TokenxException.of("HTTP-503", TokenxKind.RETRY, "x", 503)).isInstanceOf(TokenxRetryException.class)
                .isNotInstanceOf(TokenxTokenRejectedException.class);
        assertThat(TokenxException.of("1007", TokenxKind.ALREADY_DONE, "x", 400))
                .isInstanceOf(TokenxAlreadyDoneException.class);
        assertThat(TokenxException.of("1100", TokenxKind.RETRY_LATER, "x", 400).worthTryingLater()).isTrue();
        assertThat(TokenxException.of("1103", TokenxKind.PERMANENT, "x", 400).worthTryingLater()).isFalse();
    }
}
