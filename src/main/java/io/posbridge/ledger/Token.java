package io.posbridge.ledger;

import java.util.Set;

public record Token(String id, String type, String accountId, boolean blocked, String openHoldKey) {

    /** The kinds of token the ledger keeps: Yoyo's wiCode, wiQR and card BIN tokens. */
    public static final Set<String> TYPES = Set.of("WICODE", "WIQR", "BIN");
}
