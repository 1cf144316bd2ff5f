package io.posbridge.ledger;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Moves money between a customer account and its currency's settlement account, in balanced entries. */
final class Transfers {

    private Transfers() {
    }

    /**
     * Writes both legs of a transfer and moves both balances: {@code amount} positive credits the
     * customer, negative debits it; {@code releaseHeld} is released from the customer's held funds in the
     * same update. The caller holds the customer account's row lock.
     */
    static void post(JdbcClient db, String transferId, String customerAccount, String currency, long amount,
            long releaseHeld, String kind, OffsetDateTime now) {
        String settlement = Accounts.settlementAccountOf(currency);
        db.sql("INSERT INTO entries (transfer_id, account_id, amount, kind, created_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)")
                .params(transferId, customerAccount, amount, kind, now, transferId, settlement, -amount, kind, now).update();
        db.sql("UPDATE accounts SET balance = balance + ?, held = held - ? WHERE id = ?")
                .params(amount, releaseHeld, customerAccount).update();
        db.sql("UPDATE accounts SET balance = balance - ? WHERE id = ?").params(amount, settlement).update();
    }
}
