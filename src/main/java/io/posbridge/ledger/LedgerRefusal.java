package io.posbridge.ledger;

/** The ledger declined a change; nothing was written. */
public class LedgerRefusal extends RuntimeException {

    public enum Reason {
        UNKNOWN_ACCOUNT,
        ACCOUNT_CONFLICT,
        UNKNOWN_TOKEN,
        TOKEN_CONFLICT,
        TOKEN_BLOCKED,
        TOKEN_BUSY,
        INSUFFICIENT_FUNDS,
        CURRENCY_MISMATCH,
        CONFLICTING_REQUEST,
        UNKNOWN_HOLD,
        ALREADY_POSTED,
        ALREADY_REVERSED,
        HOLD_EXPIRED,
        AMOUNT_EXCEEDS_HOLD
    }

    private final Reason reason;

    public LedgerRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
