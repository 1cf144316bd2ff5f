package io.posbridge.orders;

/**
 * Why an order waits, as the posbridge_orders_waiting gauge groups it: each reason OrderDispatch and OrderStore write
 * starts with one of these prefixes, followed by TokenX's or the failure's own words.
 */
public enum WaitingReason {
    TERMINAL_BUSY("terminal_busy", "terminal busy: "),
    TOKENX_UNAVAILABLE("tokenx_unavailable", "TokenX unavailable: "),
    SEND_FAILED("send_failed", "could not send: "),
    REPLICA_STOPPED("replica_stopped", "resending: "),
    OTHER("other", null);

    private final String label;
    private final String prefix;

    WaitingReason(String label, String prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    /** The gauge's {@code reason} label. */
    public String label() {
        return label;
    }

    /** How a reason of this kind starts; null for OTHER, which is any reason none of the others starts. */
    public String prefix() {
        return prefix;
    }

    /** The reason text for {@code detail}. */
    String reason(String detail) {
        return prefix + detail;
    }
}
