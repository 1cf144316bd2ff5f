package io.posbridge.ops.page;

import io.posbridge.ops.logging.LogText;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The latest refusals, newest first: orders TokenX refused for good (REJECTED, with TokenX's code and reason) and
 * webhooks kept but not applied (with their problem). Orders refused at intake are not stored; they are in the error
 * folder, the dead-letter queue or the caller's 400.
 */
@Component
@Order(4)
class RecentRefusalsSection implements OperatorSection {

    static final int MAX_REFUSALS = 20;
    /**
     * Only this many of the newest order events are looked through: order_events has no index on what marks a refusal,
     * and the page asks every few seconds, so its cost stays bounded however long the table gets.
     */
    static final int EVENTS_LOOKED_THROUGH = 50_000;
    static final int MAX_TEXT_LENGTH = 300;

    record Refusal(OffsetDateTime at, String kind, String orderId, String basketId, String operation, String code,
            String reason) {
    }

    private final JdbcClient db;

    RecentRefusalsSection(JdbcClient db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "recentRefusals";
    }

    @Override
    public List<Refusal> read() {
        return db.sql("""
                SELECT e.received_at, e.kind, e.order_id, e.basket_id, e.operation, o.error_code,
                       COALESCE(e.problem, e.detail)
                FROM order_events e LEFT JOIN orders o ON o.order_id = e.order_id
                WHERE e.id > (SELECT COALESCE(MAX(id), 0) FROM order_events) - :window
                  AND ((e.kind = 'STATE' AND e.operation = 'REJECTED') OR e.problem IS NOT NULL)
                ORDER BY e.id DESC
                LIMIT :limit""")
                .param("window", EVENTS_LOOKED_THROUGH).param("limit", MAX_REFUSALS)
                .query((rs, row) -> {
                    boolean rejected = "STATE".equals(rs.getString(2));
                    return new Refusal(rs.getObject(1, OffsetDateTime.class), rejected ? "order rejected" : "webhook not applied",
                            rs.getString(3), LogText.safe(rs.getString(4), MAX_TEXT_LENGTH),
                            rejected ? null : LogText.safe(rs.getString(5), MAX_TEXT_LENGTH),
                            rejected ? rs.getString(6) : null, LogText.safe(rs.getString(7), MAX_TEXT_LENGTH));
                })
                .list();
    }
}
