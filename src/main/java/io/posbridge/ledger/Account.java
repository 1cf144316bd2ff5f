package io.posbridge.ledger;

public record Account(String id, String currency, long balance, long held) {

    public long available() {
        return balance - held;
    }
}
