package io.posbridge.yoyo;

import io.posbridge.ledger.LedgerRefusal;

/**
 * Every answer posbridge gives Yoyo. "-1" is the only success; the description is shown to the
 * cashier, so it is short and plain. The table in docs/yoyo-and-ledger.md, "Response codes", is this enum.
 */
public enum YoyoResponseCode {
    SUCCESS("-1", "Success"),
    MALFORMED_REQUEST("1", "Invalid request"),
    BAD_CREDENTIALS("2", "VSP credentials rejected"),
    CALLER_NOT_ALLOWED("3", "Caller not allowed"),
    UNKNOWN_TOKEN("4", "Unknown voucher code"),
    TOKEN_BLOCKED("5", "Voucher code is blocked"),
    TOKEN_BUSY("6", "Voucher code is in use by another transaction"),
    INSUFFICIENT_FUNDS("7", "Insufficient funds"),
    AMOUNTS_INCONSISTENT("8", "Amounts do not add up"),
    CASHBACK_NOT_ALLOWED("9", "Cash back is only allowed on payments"),
    DUPLICATE_TRANSACTION("10", "Transaction id already used for a different transaction"),
    UNKNOWN_TRANSACTION("11", "Transaction not found"),
    ALREADY_FINALISED("12", "Transaction already completed"),
    ALREADY_REVERSED("13", "Transaction already cancelled"),
    HOLD_EXPIRED("14", "Reservation expired"),
    AMOUNT_EXCEEDS_RESERVED("15", "Amount is more than was reserved"),
    INTERNAL_ERROR("99", "System error, please try again");

    private final String code;
    private final String description;

    YoyoResponseCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The cashier-facing meaning of a ledger refusal. */
    static YoyoResponseCode of(LedgerRefusal.Reason reason) {
        return switch (reason) {
            case UNKNOWN_TOKEN -> UNKNOWN_TOKEN;
            case TOKEN_BLOCKED -> TOKEN_BLOCKED;
            case TOKEN_BUSY -> TOKEN_BUSY;
            case INSUFFICIENT_FUNDS -> INSUFFICIENT_FUNDS;
            case CONFLICTING_REQUEST -> DUPLICATE_TRANSACTION;
            case UNKNOWN_HOLD -> UNKNOWN_TRANSACTION;
            case ALREADY_POSTED -> ALREADY_FINALISED;
            case ALREADY_REVERSED -> ALREADY_REVERSED;
            case HOLD_EXPIRED -> HOLD_EXPIRED;
            case AMOUNT_EXCEEDS_HOLD -> AMOUNT_EXCEEDS_RESERVED;
            case UNKNOWN_ACCOUNT, ACCOUNT_CONFLICT, TOKEN_CONFLICT, CURRENCY_MISMATCH -> INTERNAL_ERROR;
        };
    }
}
