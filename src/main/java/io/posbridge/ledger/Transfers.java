package io.posbridge.ledger;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Moves money between a customer account and its currency's settlement account, in balanced entries. */
final class Transfers {

    private Transfers() {
    }

    /**
     * Writes both legs of a transfer and moves both balances: {@code amount} positive credits the
     * customer, negative debits it. The caller holds the customer account's row lock.
     */
    static void post(JdbcClient db, String transferId, String customerAccount, String currency, long amount,
            String kind, OffsetDateTime now) {
        String settlement = Accounts.settlementAccountOf(currency);
        String insert = "INSERT INTO entries (transfer_id, account_id, amount, kind, created_at) VALUES (?, ?, ?, ?, ?)";
        db.sql(insert).params(transferId, customerAccount, amount, kind, now).update();
        db.sql(insert).params(transferId, settlement, -amount, kind, now).update();
        String move = "UPDATE accounts SET balance = balance + ? WHERE id = ?";
        db.sql(move).params(amount, customerAccount).update();
        db.sql(move).params(-amount, settlement).update();
    }
}
