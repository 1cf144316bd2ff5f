package io.posbridge.reconciliation;

import io.posbridge.ledger.Holds;
import io.posbridge.orders.OrderState;
import io.posbridge.reconciliation.DayReport.OrderTally;
import io.posbridge.reconciliation.DayReport.Posting;
import io.posbridge.reconciliation.DayReport.Row;
import io.posbridge.reconciliation.DayReport.Tally;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sums one calendar day of holds and orders per store and currency, in plain SQL that PostgreSQL and H2 both run.
 * A hold counts as created on the day of its created_at; as finalised, reversed or expired on the day of its
 * resolved_at; as still pending when it was created that day and has not resolved yet. An order counts on the day of
 * its received_at, under the state it is in now.
 */
@Service
public class DailyReconciliation {

    /** A hold's amount as it moves the settlement account: debits in, credits out. */
    private static final String HELD = "(CASE WHEN h.direction = 'DEBIT' THEN h.amount ELSE -h.amount END)";
    private static final String POSTED =
            "(CASE WHEN h.direction = 'DEBIT' THEN COALESCE(h.posted_amount, 0) ELSE -COALESCE(h.posted_amount, 0) END)";
    private static final String CREATED = "h.created_at >= :from AND h.created_at < :to";
    private static final String RESOLVED = "h.resolved_at >= :from AND h.resolved_at < :to";
    private static final String HOLD_STORE = "COALESCE(h.store, '')";
    private static final String ORDER_STORE = "COALESCE(o.branch_id, o.terminal_id)";

    private static final String HOLDS_SQL = "SELECT " + HOLD_STORE + ", a.currency, "
            + tally(CREATED) + ", "
            + tally("h.state = 'POSTED' AND " + RESOLVED) + ", " + sum(POSTED, "h.state = 'POSTED' AND " + RESOLVED) + ", "
            + tally("h.state = 'REVERSED' AND " + RESOLVED) + ", "
            + tally("h.state = 'EXPIRED' AND " + RESOLVED) + ", "
            + tally("h.state = 'PENDING' AND " + CREATED) + ", "
            + tally("h.state = 'POSTED' AND h.reconciliation = :postedLate AND " + RESOLVED) + ", "
            + sum(POSTED, "h.state = 'POSTED' AND h.reconciliation = :postedLate AND " + RESOLVED) + ", "
            + tally("h.state = 'EXPIRED' AND h.reconciliation = :refusedLate AND " + RESOLVED)
            + " FROM holds h JOIN accounts a ON a.id = h.account_id"
            + " WHERE ((" + CREATED + ") OR (" + RESOLVED + "))";

    private static final String ORDERS_SQL = "SELECT " + ORDER_STORE + ", o.state, COUNT(*), SUM(COALESCE(o.total, 0))"
            + " FROM orders o WHERE o.received_at >= :from AND o.received_at < :to";

    private final JdbcClient db;
    private final ReconciliationProperties settings;

    public DailyReconciliation(JdbcClient db, ReconciliationProperties settings) {
        this.db = db;
        this.settings = settings;
    }

    public ZoneId timeZone() {
        return settings.timeZone();
    }

    /** The day's figures, for every store, or for {@code store} alone when it is not null. */
    @Transactional(readOnly = true)
    public DayReport report(LocalDate date, String store) {
        ZoneId zone = settings.timeZone();
        OffsetDateTime from = date.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = date.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Map<String, Map<String, RowBuilder>> rows = new TreeMap<>();

        String holdsSql = HOLDS_SQL + (store == null ? "" : " AND " + HOLD_STORE + " = :store")
                + " GROUP BY " + HOLD_STORE + ", a.currency";
        var holds = db.sql(holdsSql).param("from", from).param("to", to)
                .param("postedLate", Holds.POSTED_AFTER_EXPIRY).param("refusedLate", Holds.POST_AFTER_EXPIRY_REFUSED);
        (store == null ? holds : holds.param("store", store)).query((rs, n) -> {
            RowBuilder row = row(rows, rs.getString(1), rs.getString(2));
            row.created = new Tally(rs.getLong(3), rs.getLong(4));
            row.finalised = new Posting(rs.getLong(5), rs.getLong(6), rs.getLong(7));
            row.reversed = new Tally(rs.getLong(8), rs.getLong(9));
            row.expired = new Tally(rs.getLong(10), rs.getLong(11));
            row.pending = new Tally(rs.getLong(12), rs.getLong(13));
            row.finalisedLate = new Posting(rs.getLong(14), rs.getLong(15), rs.getLong(16));
            row.refusedLate = new Tally(rs.getLong(17), rs.getLong(18));
            return row;
        }).list();

        String ordersSql = ORDERS_SQL + (store == null ? "" : " AND " + ORDER_STORE + " = :store")
                + " GROUP BY " + ORDER_STORE + ", o.state";
        var orders = db.sql(ordersSql).param("from", from).param("to", to);
        (store == null ? orders : orders.param("store", store)).query((rs, n) -> {
            RowBuilder row = row(rows, rs.getString(1), settings.orderCurrency());
            row.orders.add(new OrderTally(rs.getString(2), rs.getLong(3), rs.getLong(4)));
            return row;
        }).list();

        List<Row> report = new ArrayList<>();
        rows.values().forEach(byCurrency -> byCurrency.values().forEach(row -> report.add(row.build())));
        return new DayReport(date.toString(), zone.getId(), report);
    }

    /** COUNT and SUM of the held amount of the holds meeting {@code condition}: two columns. */
    private static String tally(String condition) {
        return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), " + sum(HELD, condition);
    }

    private static String sum(String amount, String condition) {
        return "SUM(CASE WHEN " + condition + " THEN " + amount + " ELSE 0 END)";
    }

    private static RowBuilder row(Map<String, Map<String, RowBuilder>> rows, String store, String currency) {
        return rows.computeIfAbsent(store, s -> new TreeMap<>()).computeIfAbsent(currency, c -> new RowBuilder(store, c));
    }

    /** A row filled from two queries: the holds' figures, then the orders'. */
    private static final class RowBuilder {
        final String store;
        final String currency;
        Tally created = Tally.NONE;
        Posting finalised = Posting.NONE;
        Tally reversed = Tally.NONE;
        Tally expired = Tally.NONE;
        Tally pending = Tally.NONE;
        Posting finalisedLate = Posting.NONE;
        Tally refusedLate = Tally.NONE;
        final List<OrderTally> orders = new ArrayList<>();

        RowBuilder(String store, String currency) {
            this.store = store;
            this.currency = currency;
        }

        Row build() {
            orders.sort(Comparator.comparing(o -> OrderState.valueOf(o.state())));
            return new Row(store, currency, created, finalised, reversed, expired, pending, finalisedLate, refusedLate,
                    List.copyOf(orders));
        }
    }
}
