package io.posbridge.ledger;

public record Token(String id, String type, String accountId, boolean blocked, String openHoldKey) {
}
