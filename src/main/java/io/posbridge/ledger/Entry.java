package io.posbridge.ledger;

import java.time.OffsetDateTime;

/** One leg of a transfer: positive credits the account, negative debits it. */
public record Entry(long id, String transferId, String accountId, long amount, String kind, OffsetDateTime createdAt) {
}
