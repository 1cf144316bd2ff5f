package io.posbridge.ops.page;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Yoyo holds waiting for their advise: how many and how much per currency, and the oldest of each currency. */
@Component
@Order(5)
class PendingHoldsSection implements OperatorSection {

    /** Amounts in minor units (cents), as the ledger keeps them. */
    record PendingByCurrency(String currency, long count, long amount, Oldest oldest) {
    }

    record Oldest(String holdKey, String accountId, long amount, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    private final JdbcClient db;

    PendingHoldsSection(JdbcClient db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "pendingHolds";
    }

    private record Totals(String currency, long count, long amount) {
    }

    @Override
    public List<PendingByCurrency> read() {
        List<Totals> totals = db.sql("""
                SELECT a.currency, COUNT(*), SUM(h.amount) FROM holds h JOIN accounts a ON a.id = h.account_id
                WHERE h.state = 'PENDING' GROUP BY a.currency ORDER BY a.currency""")
                .query((rs, row) -> new Totals(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
        return totals.stream()
                .map(t -> new PendingByCurrency(t.currency(), t.count(), t.amount(), oldest(t.currency())))
                .toList();
    }

    private Oldest oldest(String currency) {
        return db.sql("""
                SELECT h.hold_key, h.account_id, h.amount, h.created_at, h.expires_at
                FROM holds h JOIN accounts a ON a.id = h.account_id
                WHERE h.state = 'PENDING' AND a.currency = :currency
                ORDER BY h.created_at, h.hold_key
                LIMIT 1""")
                .param("currency", currency)
                .query((rs, row) -> new Oldest(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)))
                .optional().orElse(null);
    }
}
