package io.posbridge.ledger;

import io.posbridge.ledger.Hold.Direction;
import io.posbridge.ledger.Hold.State;
import io.posbridge.ledger.LedgerRefusal.Reason;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-phase transfers: a hold reserves funds (or promises a credit) under the caller's key, and
 * resolves exactly once, by posting, reversing or expiring. While pending, a hold keeps its token busy. Every method
 * is one transaction; locks are always taken hold, then account, so concurrent calls cannot deadlock.
 */
@Service
public class Holds {

    /** The reconciliation mark of a hold posted after it had expired. */
    public static final String POSTED_AFTER_EXPIRY = "posted after expiry";
    /** The reconciliation mark of an expired hold whose late post the account could no longer cover. */
    public static final String POST_AFTER_EXPIRY_REFUSED = "post after expiry refused: funds no longer available";

    private static final String COLUMNS = "hold_key, transfer_id, fingerprint, direction, token_id, account_id, amount, "
            + "posted_amount, state, details, reconciliation, created_at, expires_at, resolved_at";

    /** Read by column position, in COLUMNS' order: the hot path maps a hold per call. */
    private static final RowMapper<Hold> HOLD_ROW = (rs, row) -> new Hold(rs.getString(1), rs.getString(2),
            rs.getString(3), Direction.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getLong(7),
            rs.getObject(8, Long.class), State.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11),
            rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class),
            rs.getObject(14, OffsetDateTime.class));

    private final JdbcClient db;
    private final Accounts accounts;
    private final Transfers transfers;
    private final Clock clock;
    private final HoldMetrics metrics;

    public Holds(JdbcClient db, Accounts accounts, Transfers transfers, Clock clock, HoldMetrics metrics) {
        this.db = db;
        this.accounts = accounts;
        this.transfers = transfers;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * What a caller asks to reserve. The fingerprint tells a repeat of this request from another one; the store is where
     * the caller's customer stood, what the daily reconciliation groups holds by (null when not known).
     */
    public record Reservation(String holdKey, String fingerprint, Direction direction, String tokenId, long amount,
            String details, String store, OffsetDateTime expiresAt) {
    }

    /** A hold named by the caller's key, by our transfer id, or by both, which must then agree. */
    public record HoldRef(String holdKey, String transferId) {
    }

    /** A hold and whether this call made it or found it made by an identical earlier call. */
    public record Reserved(Hold hold, boolean repeated) {
    }

    @Transactional
    public Reserved reserve(Reservation request) {
        // One statement makes the hold from the token's row. A repeat of the key (or its concurrent twin), an unknown or
        // blocked token and a token busy with another pending hold (open_token_id is unique) all insert nothing.
        OffsetDateTime now = OffsetDateTime.now(clock);
        KeyHolder keys = new GeneratedKeyHolder();
        int inserted = db.sql("INSERT INTO holds (" + COLUMNS + ", open_token_id, store) SELECT ?, "
                        + "CAST(nextval('hold_numbers') AS VARCHAR(32)), ?, ?, id, account_id, ?, NULL, 'PENDING', ?, NULL, ?, ?, "
                        + "NULL, id, ? FROM tokens WHERE id = ? AND blocked = FALSE ON CONFLICT DO NOTHING")
                .params(request.holdKey(), request.fingerprint(), request.direction().name(), request.amount(),
                        request.details(), now, request.expiresAt(), request.store(), request.tokenId())
                .update(keys, "transfer_id", "account_id");
        if (inserted == 0) {
            return repeatOrRefusal(request);
        }
        Map<String, Object> made = keys.getKeys();
        String accountId = (String) made.get("account_id");
        if (request.direction() == Direction.DEBIT) {
            int reserved = db.sql("UPDATE accounts SET held = held + ? WHERE id = ? AND balance - held >= ?")
                    .params(request.amount(), accountId, request.amount()).update();
            if (reserved == 0) {
                throw new LedgerRefusal(Reason.INSUFFICIENT_FUNDS, "account " + accountId + " cannot cover " + request.amount());
            }
        }
        Hold hold = new Hold(request.holdKey(), (String) made.get("transfer_id"), request.fingerprint(),
                request.direction(), request.tokenId(), accountId, request.amount(), null, State.PENDING, request.details(),
                null, now, request.expiresAt(), null);
        metrics.count(HoldMetrics.Event.CREATED, hold, hold.amount(), null);
        return new Reserved(hold, false);
    }

    /**
     * Posts a hold: {@code amount} (null for all of it) moves between the customer and settlement
     * accounts and the rest is released. Posting a posted hold again answers with it unchanged. A hold
     * that expired is still posted when the account can cover it now; either way it is marked for
     * reconciliation, and that mark survives the refusal.
     */
    @Transactional(noRollbackFor = ExpiredHoldRefusal.class)
    public Hold post(HoldRef ref, Long amount) {
        Locked locked = lock(ref);
        Hold hold = locked.hold();
        String holdKey = hold.holdKey();
        long toPost = amount == null ? hold.amount() : amount;
        if (toPost > hold.amount() && hold.state() != State.POSTED) {
            throw new LedgerRefusal(Reason.AMOUNT_EXCEEDS_HOLD, "cannot post " + toPost + " on a hold of " + hold.amount());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        switch (hold.state()) {
            case POSTED -> {
                return hold;
            }
            case REVERSED -> throw new LedgerRefusal(Reason.ALREADY_REVERSED, "hold " + holdKey + " was reversed");
            case PENDING -> {
                transfer(hold, locked.currency(), toPost, hold.direction() == Direction.DEBIT ? hold.amount() : 0, now);
                metrics.count(HoldMetrics.Event.FINALISED, hold, toPost, locked.currency());
                return resolve(hold, State.POSTED, toPost, null, now);
            }
            case EXPIRED -> {
                if (hold.direction() == Direction.DEBIT && !canCover(hold, toPost)) {
                    db.sql("UPDATE holds SET reconciliation = ? WHERE hold_key = ?")
                            .params(POST_AFTER_EXPIRY_REFUSED, holdKey).update();
                    throw new ExpiredHoldRefusal("hold " + holdKey + " expired and the account cannot cover " + toPost);
                }
                transfer(hold, locked.currency(), toPost, 0, now);
                metrics.count(HoldMetrics.Event.FINALISED, hold, toPost, locked.currency());
                return resolve(hold, State.POSTED, toPost, POSTED_AFTER_EXPIRY, now);
            }
        }
        throw new IllegalStateException("hold " + holdKey + " in unknown state " + hold.state());
    }

    /** Releases a hold. Reversing a reversed hold answers with it unchanged; a posted one is refused. */
    @Transactional
    public Hold reverse(HoldRef ref) {
        Locked locked = lock(ref);
        Hold hold = locked.hold();
        String holdKey = hold.holdKey();
        OffsetDateTime now = OffsetDateTime.now(clock);
        switch (hold.state()) {
            case REVERSED -> {
                return hold;
            }
            case POSTED -> throw new LedgerRefusal(Reason.ALREADY_POSTED, "hold " + holdKey + " was posted");
            case PENDING -> {
                if (hold.direction() == Direction.DEBIT) {
                    releaseHeld(hold);
                }
                metrics.count(HoldMetrics.Event.REVERSED, hold, hold.amount(), locked.currency());
                return resolve(hold, State.REVERSED, null, null, now);
            }
            case EXPIRED -> {
                // Its funds went back when it expired: the reverse releases nothing more.
                metrics.count(HoldMetrics.Event.REVERSED, hold, 0, locked.currency());
                return resolve(hold, State.REVERSED, null, hold.reconciliation(), now);
            }
        }
        throw new IllegalStateException("hold " + holdKey + " in unknown state " + hold.state());
    }

    /**
     * Expires one pending hold whose time is up, if no other replica is working on it; returns whether
     * it did. Each hold is its own transaction so that sweepers on several replicas never deadlock.
     */
    @Transactional
    public boolean expire(String holdKey) {
        Optional<Hold> due = db.sql("SELECT " + COLUMNS + " FROM holds WHERE hold_key = ? AND state = 'PENDING' "
                        + "AND expires_at <= ? FOR UPDATE SKIP LOCKED")
                .params(holdKey, OffsetDateTime.now(clock)).query(HOLD_ROW).optional();
        if (due.isEmpty()) {
            return false;
        }
        Hold hold = due.get();
        if (hold.direction() == Direction.DEBIT) {
            releaseHeld(hold);
        }
        resolve(hold, State.EXPIRED, null, null, OffsetDateTime.now(clock));
        metrics.count(HoldMetrics.Event.EXPIRED, hold, hold.amount(), null);
        return true;
    }

    /** Keys of pending holds whose time is up, oldest first. */
    public List<String> dueForExpiry(int limit) {
        return db.sql("SELECT hold_key FROM holds WHERE state = 'PENDING' AND expires_at <= ? ORDER BY expires_at LIMIT ?")
                .params(OffsetDateTime.now(clock), limit).query(String.class).list();
    }

    public Optional<Hold> find(String holdKey) {
        return db.sql("SELECT " + COLUMNS + " FROM holds WHERE hold_key = ?").param(holdKey).query(HOLD_ROW).optional();
    }

    public List<Hold> inState(State state, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM holds WHERE state = ? ORDER BY created_at LIMIT ?")
                .params(state.name(), limit).query(HOLD_ROW).list();
    }

    /** Why a reservation inserted nothing: the same request again, or a key, token or state that refuses it. */
    private Reserved repeatOrRefusal(Reservation request) {
        Optional<Hold> earlier = find(request.holdKey());
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint().equals(request.fingerprint())) {
                throw new LedgerRefusal(Reason.CONFLICTING_REQUEST,
                        "key " + request.holdKey() + " was already used for another request");
            }
            return new Reserved(earlier.get(), true);
        }
        Token token = accounts.token(request.tokenId())
                .orElseThrow(() -> new LedgerRefusal(Reason.UNKNOWN_TOKEN, "no token " + request.tokenId()));
        if (token.blocked()) {
            throw new LedgerRefusal(Reason.TOKEN_BLOCKED, "token " + token.id() + " is blocked");
        }
        // Busy when we inserted, even if its hold has resolved since.
        throw new LedgerRefusal(Reason.TOKEN_BUSY, token.openHoldKey() == null
                ? "token " + token.id() + " was busy with another transaction"
                : "token " + token.id() + " is busy with " + token.openHoldKey());
    }

    /** A locked hold and the currency of its account. */
    private record Locked(Hold hold, String currency) {
    }

    private Locked lock(HoldRef ref) {
        boolean byKey = ref.holdKey() != null;
        String column = byKey ? "hold_key" : "transfer_id";
        Locked locked = db.sql("SELECT " + COLUMNS + ", (SELECT currency FROM accounts WHERE id = holds.account_id) "
                        + "FROM holds WHERE " + column + " = ? FOR UPDATE")
                .param(byKey ? ref.holdKey() : ref.transferId())
                .query((rs, row) -> new Locked(HOLD_ROW.mapRow(rs, row), rs.getString(15))).optional()
                .orElseThrow(() -> new LedgerRefusal(Reason.UNKNOWN_HOLD,
                        byKey ? "no hold " + ref.holdKey() : "no transfer " + ref.transferId()));
        if (ref.transferId() != null && !locked.hold().transferId().equals(ref.transferId())) {
            throw new LedgerRefusal(Reason.UNKNOWN_HOLD,
                    "transfer " + ref.transferId() + " does not belong to hold " + ref.holdKey());
        }
        return locked;
    }

    private void releaseHeld(Hold hold) {
        db.sql("UPDATE accounts SET held = held - ? WHERE id = ?").params(hold.amount(), hold.accountId()).update();
    }

    private boolean canCover(Hold hold, long amount) {
        return db.sql("SELECT balance - held >= ? FROM accounts WHERE id = ? FOR UPDATE")
                .params(amount, hold.accountId()).query(Boolean.class).single();
    }

    /** Moves {@code amount} for a hold and releases {@code releaseHeld} of the customer's held funds. */
    private void transfer(Hold hold, String currency, long amount, long releaseHeld, OffsetDateTime now) {
        if (amount == 0) {
            if (releaseHeld > 0) {
                releaseHeld(hold);
            }
            return;
        }
        long signed = hold.direction() == Direction.DEBIT ? -amount : amount;
        transfers.post(hold.transferId(), hold.accountId(), currency, signed, releaseHeld, hold.direction().name(), now);
    }

    private Hold resolve(Hold hold, State state, Long postedAmount, String reconciliation, OffsetDateTime now) {
        // Clearing open_token_id frees the token for its next transaction.
        db.sql("UPDATE holds SET state = ?, posted_amount = ?, reconciliation = ?, resolved_at = ?, open_token_id = NULL "
                        + "WHERE hold_key = ?")
                .params(state.name(), postedAmount, reconciliation, now, hold.holdKey()).update();
        return hold.resolved(state, postedAmount, reconciliation, now);
    }

    /** A post refused because its hold expired; the reconciliation mark written before it is kept. */
    public static class ExpiredHoldRefusal extends LedgerRefusal {
        ExpiredHoldRefusal(String message) {
            super(Reason.HOLD_EXPIRED, message);
        }
    }
}
