package io.posbridge.ledger;

import io.posbridge.ledger.LedgerRefusal.Reason;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts, the tokens that spend from them, top-up credits and the history of entries. */
@Service
public class Accounts {

    static final String SETTLEMENT_PREFIX = "settlement:";
    static final String TOKEN_BY_ID = "SELECT id, type, account_id, blocked, open_hold_key FROM tokens WHERE id = ?";

    private final JdbcClient db;
    private final Clock clock;

    public Accounts(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The account every transfer in this currency balances against. */
    static String settlementAccountOf(String currency) {
        return SETTLEMENT_PREFIX + currency;
    }

    /** Opens an account; repeating the same call is harmless, the same id with other data is refused. */
    @Transactional
    public Account open(String id, String currency) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.sql("INSERT INTO accounts (id, currency, kind, created_at) VALUES (?, ?, 'SETTLEMENT', ?) ON CONFLICT DO NOTHING")
                .params(settlementAccountOf(currency), currency, now).update();
        int inserted = db.sql("INSERT INTO accounts (id, currency, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(id, currency, now).update();
        Account account = find(id).orElseThrow();
        if (inserted == 0 && !account.currency().equals(currency)) {
            throw new LedgerRefusal(Reason.ACCOUNT_CONFLICT,
                    "account " + id + " already exists in " + account.currency());
        }
        return account;
    }

    public Optional<Account> find(String id) {
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
        Transfers.post(db, transferId, accountId, account.currency(), amount, 0, "CREDIT", OffsetDateTime.now(clock));
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
                .query(Token.class).optional();
    }

    public List<Entry> entries(String accountId) {
        return db.sql("SELECT id, transfer_id, account_id, amount, kind, created_at FROM entries "
                        + "WHERE account_id = ? ORDER BY id")
                .param(accountId).query(Entry.class).list();
    }

    private Account lockCustomer(String accountId) {
        return db.sql("SELECT id, currency, balance, held FROM accounts WHERE id = ? AND kind = 'CUSTOMER' FOR UPDATE")
                .param(accountId).query(Account.class).optional()
                .orElseThrow(() -> new LedgerRefusal(Reason.UNKNOWN_ACCOUNT, "no account " + accountId));
    }
}
