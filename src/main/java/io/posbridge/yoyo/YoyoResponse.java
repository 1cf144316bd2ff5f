package io.posbridge.yoyo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What posbridge answers Yoyo. The docs' table calls the text responseDescription and their examples
 * responseDesc, so both are sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record YoyoResponse(
        String responseCode,
        String responseDesc,
        String responseDescription,
        String vspTrxId,
        Long totalAmountProcessed,
        Long basketAmountProcessed,
        Long cashbackAmountProcessed,
        Long id,
        String name) {

    static YoyoResponse of(YoyoResponseCode code) {
        return new YoyoResponse(code.code(), code.description(), code.description(), null, null, null, null, null, null);
    }

    static YoyoResponse transaction(String vspTrxId, long total, long basket, long cashback, long vspNumber, String vspName) {
        YoyoResponseCode ok = YoyoResponseCode.SUCCESS;
        return new YoyoResponse(ok.code(), ok.description(), ok.description(), vspTrxId, total, basket, cashback,
                vspNumber, vspName);
    }

    YoyoResponse withDescription(String text) {
        return new YoyoResponse(responseCode, text, text, vspTrxId, totalAmountProcessed, basketAmountProcessed,
                cashbackAmountProcessed, id, name);
    }
}
