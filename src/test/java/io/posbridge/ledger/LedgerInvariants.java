package io.posbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger's promises, checked straight against the tables. */
public final class LedgerInvariants {

    private LedgerInvariants() {
    }

    public static void assertHold(JdbcClient db) {
        assertThat(db.sql("SELECT transfer_id FROM entries GROUP BY transfer_id HAVING SUM(amount) <> 0")
                .query(String.class).list()).as("transfers whose entries do not sum to zero").isEmpty();
        assertThat(db.sql("SELECT a.id FROM accounts a LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM entries "
                        + "GROUP BY account_id) e ON e.account_id = a.id WHERE a.balance <> COALESCE(e.total, 0)")
                .query(String.class).list()).as("accounts whose balance is not the sum of their entries").isEmpty();
        assertThat(db.sql("SELECT id FROM accounts WHERE kind = 'CUSTOMER' AND balance - held < 0")
                .query(String.class).list()).as("accounts with negative available balance").isEmpty();
        assertThat(db.sql("SELECT a.id FROM accounts a LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM holds "
                        + "WHERE state = 'PENDING' AND direction = 'DEBIT' GROUP BY account_id) h ON h.account_id = a.id "
                        + "WHERE a.held <> COALESCE(h.total, 0)")
                .query(String.class).list()).as("accounts whose held is not the sum of their pending debit holds").isEmpty();
        assertThat(db.sql("SELECT token_id FROM holds WHERE state = 'PENDING' GROUP BY token_id HAVING COUNT(*) > 1")
                .query(String.class).list()).as("tokens with more than one pending hold").isEmpty();
        assertThat(db.sql("SELECT hold_key FROM holds WHERE (state = 'PENDING') <> (open_token_id IS NOT NULL)")
                .query(String.class).list()).as("holds that keep their token busy although not pending, or the reverse")
                .isEmpty();
    }
}
