package io.posbridge.ledger;

import io.posbridge.ledger.LedgerRefusal.Reason;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts, the tokens that spend from them, top-up credits and the history of entries. */
@Service
public class Accounts {

    private static final String TOKEN_BY_ID = "SELECT t.id, t.type, t.account_id, t.blocked, h.hold_key FROM tokens t "
            + "LEFT JOIN holds h ON h.open_token_id = t.id WHERE t.id = ?";
    private static final RowMapper<Token> TOKEN_ROW = (rs, row) -> new Token(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getBoolean(4), rs.getString(5));

    private final JdbcClient db;
    private final Transfers transfers;
    private final Clock clock;

    public Accounts(JdbcClient db, Transfers transfers, Clock clock) {
        this.db = db;
        this.transfers = transfers;
        this.clock = clock;
    }

    /** Opens an account; repeating the same call is harmless, the same id with other data is refused. */
    @Transactional
    public Account open(String id, String currency) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        transfers.openSettlement(currency, now);
        int inserted = db.sql("INSERT INTO accounts (id, currency, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(id, currency, now).update();
        Account account = find(id).orElseThrow();
        if (inserted == 0 && !account.currency().equals(currency)) {
            throw new LedgerRefusal(Reason.ACCOUNT_CONFLICT,
                    "account " + id + " already exists in " + account.currency());
        }
        return account;
    }

    /** An account; a settlement account is the sum of its stripes. */
    public Optional<Account> find(String id) {
        if (Transfers.isSettlementAccount(id)) {
            return db.sql("SELECT MIN(currency), SUM(balance), SUM(held) FROM accounts WHERE id = ? OR id LIKE ?")
                    .params(id, id + ":%")
                    .query((rs, row) -> rs.getString(1) == null ? null
                            : new Account(id, rs.getString(1), rs.getLong(2), rs.getLong(3)))
                    .optional();
        }
        return db.sql("SELECT id, currency, balance, held FROM accounts WHERE id = ?").param(id)
                .query(Account.class).optional();
    }

    /**
     * Adds money to an account against the settlement account. The reference makes it idempotent:
     * the same reference again with the same amount changes nothing, with another amount it is refused.
     */
    @Transactional
    public Account credit(String accountId, long amount, String reference) {
        Account account = lockCustomer(accountId);
        String transferId = "credit:" + accountId + ":" + reference;
        Optional<Long> earlier = db.sql("SELECT amount FROM entries WHERE transfer_id = ? AND account_id = ?")
                .params(transferId, accountId).query(Long.class).optional();
        if (earlier.isPresent()) {
            if (earlier.get() != amount) {
                throw new LedgerRefusal(Reason.CONFLICTING_REQUEST,
                        "reference " + reference + " was already used for a credit of " + earlier.get());
            }
            return account;
        }
        transfers.post(transferId, accountId, account.currency(), amount, 0, "CREDIT", OffsetDateTime.now(clock));
        return find(accountId).orElseThrow();
    }

    /** Issues a token on an account; the same token again for the same account is harmless. */
    @Transactional
    public Token issueToken(String tokenId, String type, String accountId) {
        lockCustomer(accountId);
        db.sql("INSERT INTO tokens (id, type, account_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(tokenId, type, accountId, OffsetDateTime.now(clock)).update();
        Token token = token(tokenId).orElseThrow();
        if (!token.accountId().equals(accountId) || !token.type().equals(type)) {
            throw new LedgerRefusal(Reason.TOKEN_CONFLICT,
                    "token " + tokenId + " already exists as " + token.type() + " on another account or type");
        }
        return token;
    }

    @Transactional
    public Token blockToken(String tokenId) {
        int updated = db.sql("UPDATE tokens SET blocked = TRUE WHERE id = ?").param(tokenId).update();
        if (updated == 0) {
            throw new LedgerRefusal(Reason.UNKNOWN_TOKEN, "no token " + tokenId);
        }
        return token(tokenId).orElseThrow();
    }

    public Optional<Token> token(String tokenId) {
        return db.sql(TOKEN_BY_ID).param(tokenId)
                .query(TOKEN_ROW).optional();
    }

    /** An account's history; a settlement account's is that of all its stripes. */
    public List<Entry> entries(String accountId) {
        String stripes = Transfers.isSettlementAccount(accountId) ? accountId + ":%" : "";
        return db.sql("SELECT id, transfer_id, account_id, amount, kind, created_at FROM entries "
                        + "WHERE account_id = ? OR account_id LIKE ? ORDER BY id")
                .params(accountId, stripes).query((rs, row) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class))).list();
    }

    private Account lockCustomer(String accountId) {
        return db.sql("SELECT id, currency, balance, held FROM accounts WHERE id = ? AND kind = 'CUSTOMER' FOR UPDATE")
                .param(accountId).query(Account.class).optional()
                .orElseThrow(() -> new LedgerRefusal(Reason.UNKNOWN_ACCOUNT, "no account " + accountId));
    }
}
