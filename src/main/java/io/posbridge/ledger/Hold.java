package io.posbridge.ledger;

import java.time.OffsetDateTime;

/**
 * Funds reserved (DEBIT) or a credit promised (CREDIT) under the caller's key, until it is posted,
 * reversed or expires.
 */
public record Hold(
        String holdKey,
        String transferId,
        String fingerprint,
        Direction direction,
        String tokenId,
        String accountId,
        long amount,
        Long postedAmount,
        State state,
        String details,
        String reconciliation,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        OffsetDateTime resolvedAt) {

    public enum Direction { DEBIT, CREDIT }

    /** This hold as resolving it leaves it. */
    Hold resolved(State newState, Long posted, String note, OffsetDateTime at) {
        return new Hold(holdKey, transferId, fingerprint, direction, tokenId, accountId, amount, posted, newState, details,
                note, createdAt, expiresAt, at);
    }

    public enum State { PENDING, POSTED, REVERSED, EXPIRED }
}
