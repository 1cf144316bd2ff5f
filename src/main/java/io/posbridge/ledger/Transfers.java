package io.posbridge.ledger;

import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves money between a customer account and its currency's settlement account, in balanced entries.
 * The settlement account is spread over {@code posbridge.ledger.settlement-stripes} rows ({@code settlement:ZAR},
 * {@code settlement:ZAR:1}, …) and each transfer moves one of them, chosen by its id, so concurrent transfers
 * rarely wait for each other's row lock. The settlement balance is the sum of its stripes.
 */
@Component
class Transfers {

    static final String SETTLEMENT_PREFIX = "settlement:";

    private final JdbcClient db;
    private final int stripes;
    private final Clock clock;

    Transfers(JdbcClient db, LedgerProperties settings, Clock clock) {
        this.db = db;
        this.stripes = settings.settlementStripes();
        this.clock = clock;
    }

    /** The account every transfer in this currency balances against: the sum of its stripes. */
    static String settlementAccountOf(String currency) {
        return SETTLEMENT_PREFIX + currency;
    }

    /** Whether an id names a settlement account as a whole (not one of its stripes). */
    static boolean isSettlementAccount(String id) {
        return id.startsWith(SETTLEMENT_PREFIX) && id.indexOf(':', SETTLEMENT_PREFIX.length()) < 0;
    }

    static String stripe(String currency, int number) {
        return number == 0 ? settlementAccountOf(currency) : settlementAccountOf(currency) + ":" + number;
    }

    /** A larger stripe count takes effect at start for the currencies already open. */
    @PostConstruct
    void openMissingStripes() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.sql("SELECT DISTINCT currency FROM accounts WHERE kind = 'SETTLEMENT'").query(String.class).list()
                .forEach(currency -> openSettlement(currency, now));
    }

    /** Opens the settlement account of a currency, all its stripes; harmless when they exist. */
    void openSettlement(String currency, OffsetDateTime now) {
        for (int number = 0; number < stripes; number++) {
            db.sql("INSERT INTO accounts (id, currency, kind, created_at) VALUES (?, ?, 'SETTLEMENT', ?) "
                            + "ON CONFLICT DO NOTHING")
                    .params(stripe(currency, number), currency, now).update();
        }
    }

    /**
     * Writes both legs of a transfer and moves both balances: {@code amount} positive credits the
     * customer, negative debits it; {@code releaseHeld} is released from the customer's held funds in the
     * same update. The caller holds the customer account's row lock, taken before the stripe's.
     */
    void post(String transferId, String customerAccount, String currency, long amount, long releaseHeld, String kind,
            OffsetDateTime now) {
        String settlement = stripe(currency, Math.floorMod(transferId.hashCode(), stripes));
        db.sql("INSERT INTO entries (transfer_id, account_id, amount, kind, created_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)")
                .params(transferId, customerAccount, amount, kind, now, transferId, settlement, -amount, kind, now).update();
        db.sql("UPDATE accounts SET balance = balance + ?, held = held - ? WHERE id = ?")
                .params(amount, releaseHeld, customerAccount).update();
        db.sql("UPDATE accounts SET balance = balance - ? WHERE id = ?").params(amount, settlement).update();
    }
}
