package io.posbridge.ops.page;

import io.posbridge.ops.logging.LogText;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * For each terminal (or branch) with open orders, the oldest one: the order the others wait behind, its state, since
 * when it is there and why it waits. Open means not final: still to send, on its way, or at the till.
 */
@Component
@Order(3)
class OldestOpenOrdersSection implements OperatorSection {

    static final int MAX_DESTINATIONS = 50;
    static final int MAX_REASON_LENGTH = 300;

    record OldestOpen(String terminal, String branch, String orderId, String state, OffsetDateTime since,
            String reason, int attempts, long openOrders) {
    }

    private final JdbcClient db;

    OldestOpenOrdersSection(JdbcClient db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "oldestOpenOrders";
    }

    @Override
    public List<OldestOpen> read() {
        // A window function rather than DISTINCT ON: the sandbox runs this on H2 too.
        return db.sql("""
                SELECT terminal_id, branch_id, order_id, state, received_at, reason, attempts, open_orders FROM (
                    SELECT terminal_id, branch_id, order_id, state, received_at, reason, attempts,
                           ROW_NUMBER() OVER (PARTITION BY terminal_id, branch_id ORDER BY arrival) AS turn,
                           COUNT(*) OVER (PARTITION BY terminal_id, branch_id) AS open_orders
                    FROM orders WHERE state IN ('RECEIVED', 'WAITING', 'SENDING', 'SENT', 'LOCKED')) open_by_destination
                WHERE turn = 1
                ORDER BY received_at
                LIMIT :limit""")
                .param("limit", MAX_DESTINATIONS)
                .query((rs, row) -> new OldestOpen(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), LogText.safe(rs.getString(6), MAX_REASON_LENGTH),
                        rs.getInt(7), rs.getLong(8)))
                .list();
    }
}
