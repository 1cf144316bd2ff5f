package io.posbridge.reconciliation;

import io.posbridge.orders.OrderState;
import io.posbridge.reconciliation.DayReport.OrderTally;
import io.posbridge.reconciliation.DayReport.Posting;
import io.posbridge.reconciliation.DayReport.Row;
import io.posbridge.reconciliation.DayReport.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A day report as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they must be), one row per store and
 * currency and a pair of columns per order state, so a spreadsheet reads it without any nesting. Text from outside
 * (a store) that a spreadsheet would take for a formula is defused as OWASP advises for CSV injection.
 */
public final class ReconciliationCsv {

    private ReconciliationCsv() {
    }

    public static String of(DayReport report) {
        StringBuilder csv = new StringBuilder();
        line(csv, header());
        for (Row row : report.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(text(report.date()));
            cells.add(text(report.timeZone()));
            cells.add(text(row.store()));
            cells.add(text(row.currency()));
            tally(cells, row.holdsCreated());
            posting(cells, row.holdsFinalised());
            tally(cells, row.holdsReversed());
            tally(cells, row.holdsExpired());
            tally(cells, row.holdsPending());
            posting(cells, row.finalisedAfterExpiry());
            tally(cells, row.finaliseAfterExpiryRefused());
            for (OrderState state : OrderState.values()) {
                OrderTally orders = row.orders().stream().filter(o -> o.state().equals(state.name())).findFirst()
                        .orElse(new OrderTally(state.name(), 0, 0));
                cells.add(Long.toString(orders.count()));
                cells.add(Long.toString(orders.total()));
            }
            line(csv, cells);
        }
        return csv.toString();
    }

    static List<String> header() {
        List<String> names = new ArrayList<>(List.of("date", "time_zone", "store", "currency",
                "holds_created_count", "holds_created_amount",
                "holds_finalised_count", "holds_finalised_amount", "holds_finalised_posted",
                "holds_reversed_count", "holds_reversed_amount",
                "holds_expired_count", "holds_expired_amount",
                "holds_pending_count", "holds_pending_amount",
                "finalised_after_expiry_count", "finalised_after_expiry_amount", "finalised_after_expiry_posted",
                "finalise_after_expiry_refused_count", "finalise_after_expiry_refused_amount"));
        for (OrderState state : OrderState.values()) {
            String name = state.name().toLowerCase(Locale.ROOT);
            names.add("orders_" + name + "_count");
            names.add("orders_" + name + "_total");
        }
        return names;
    }

    /**
     * A text cell: one that starts with = + - @, a tab or a carriage return is prefixed with a single quote, so no
     * spreadsheet runs it as a formula; then it is quoted when it holds a comma, quote or line break (RFC 4180).
     */
    static String text(String value) {
        String cell = value == null ? "" : value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            cell = '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private static void tally(List<String> cells, Tally tally) {
        cells.add(Long.toString(tally.count()));
        cells.add(Long.toString(tally.amount()));
    }

    private static void posting(List<String> cells, Posting posting) {
        cells.add(Long.toString(posting.count()));
        cells.add(Long.toString(posting.amount()));
        cells.add(Long.toString(posting.posted()));
    }

    private static void line(StringBuilder csv, List<String> cells) {
        csv.append(String.join(",", cells)).append("\r\n");
    }
}
