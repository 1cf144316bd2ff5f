package io.posbridge.orders;

import io.posbridge.ops.logging.LogIds;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes each final order's outcome to posbridge.orders.outcome-uri. The outcome is written with the
 * final state (an outbox), and cleared only in the transaction that sent it, so a crash can repeat an
 * outcome but never lose one; the file outbox names it after the order, so a repeat overwrites itself.
 */
@Component("outcomePublisher")
public class OutcomePublisher {

    private static final int BATCH = 500;

    private final JdbcClient db;
    private final ProducerTemplate producer;
    private final OrdersProperties settings;

    public OutcomePublisher(JdbcClient db, ProducerTemplate producer, OrdersProperties settings) {
        this.db = db;
        this.producer = producer;
        this.settings = settings;
    }

    private record Due(String orderId, String outcome) {
    }

    /** Publishes what is due; returns how many. */
    @Transactional
    public int publishDue() {
        List<Due> due = db.sql("SELECT order_id, outcome FROM orders WHERE outcome_due = TRUE ORDER BY updated_at LIMIT ? "
                        + "FOR UPDATE SKIP LOCKED")
                .param(BATCH).query((rs, row) -> new Due(rs.getString(1), rs.getString(2))).list();
        if (due.isEmpty()) {
            return 0;
        }
        for (Due d : due) {
            try (LogIds ids = LogIds.order(d.orderId(), null)) {
                producer.sendBodyAndHeader(settings.outcomeUri(), d.outcome(), Exchange.FILE_NAME, d.orderId() + ".json");
            }
        }
        // One statement for the batch, in the transaction that sent it: a failure part-way rolls all of it back, and
        // the outcomes already sent are sent again (a repeat, never a loss), as they were with a statement each.
        db.sql("UPDATE orders SET outcome_due = FALSE WHERE order_id IN (:ids)")
                .param("ids", due.stream().map(Due::orderId).toList()).update();
        return due.size();
    }
}
