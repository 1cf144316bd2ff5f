package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * What the daily reconciliation groups and sums by, as columns filled when a row is written: the store of a hold
 * (until now only inside {@code holds.details}, as text) and the total of an order (until now only inside the stored
 * basket JSON). Existing rows are filled here, in Java because neither value can be read out of its text by SQL
 * that both PostgreSQL and H2 run. The rules are copied, not called, so this migration means the same forever.
 */
public class V6__Reconciliation_columns extends BaseJavaMigration {

    /** How YoyoReserve wrote holds.details up to this version: "type=… storeId=… remoteStoreId=… retailerId=… basketId=…". */
    private static final Pattern STORE_FIELDS =
            Pattern.compile(" storeId=(.*?) remoteStoreId=(.*?) retailerId=(.*?) basketId=");
    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        try (Statement s = db.createStatement()) {
            // storeId (at most 256 characters), or retailerId + "/" + remoteStoreId (256 + 1 + 256).
            s.execute("ALTER TABLE holds ADD COLUMN store VARCHAR(513)");
            // kuruş: the sum of the basket's payments, what the receipt totals.
            s.execute("ALTER TABLE orders ADD COLUMN total BIGINT");
            s.execute("CREATE INDEX holds_by_created ON holds (created_at)");
            s.execute("CREATE INDEX holds_by_resolved ON holds (resolved_at)");
            s.execute("CREATE INDEX orders_by_received ON orders (received_at)");
        }
        fillHoldStores(db);
        fillOrderTotals(db);
    }

    private static void fillHoldStores(Connection db) throws Exception {
        try (Statement read = streaming(db);
                ResultSet rows = read.executeQuery("SELECT hold_key, details FROM holds WHERE details IS NOT NULL");
                PreparedStatement write = db.prepareStatement("UPDATE holds SET store = ? WHERE hold_key = ?")) {
            int pending = 0;
            while (rows.next()) {
                String store = storeOf(rows.getString(2));
                if (store != null) {
                    write.setString(1, store);
                    write.setString(2, rows.getString(1));
                    write.addBatch();
                    pending = flushWhenFull(write, pending + 1);
                }
            }
            write.executeBatch();
        }
    }

    /** storeId wins; otherwise retailerId/remoteStoreId. Absent fields were written as "null". */
    static String storeOf(String details) {
        Matcher m = STORE_FIELDS.matcher(details);
        if (!m.find()) {
            return null;
        }
        String storeId = given(m.group(1));
        String remoteStoreId = given(m.group(2));
        String retailerId = given(m.group(3));
        if (storeId != null) {
            return storeId;
        }
        return remoteStoreId != null && retailerId != null ? retailerId + "/" + remoteStoreId : null;
    }

    private static String given(String value) {
        return value.isBlank() || value.equals("null") ? null : value;
    }

    private static void fillOrderTotals(Connection db) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Statement read = streaming(db);
                ResultSet rows = read.executeQuery("SELECT order_id, basket FROM orders");
                PreparedStatement write = db.prepareStatement("UPDATE orders SET total = ? WHERE order_id = ?")) {
            int pending = 0;
            while (rows.next()) {
                long total = 0;
                for (JsonNode payment : json.readTree(rows.getString(2)).path("paymentItems")) {
                    total += payment.path("amount").asLong();
                }
                write.setLong(1, total);
                write.setString(2, rows.getString(1));
                write.addBatch();
                pending = flushWhenFull(write, pending + 1);
            }
            write.executeBatch();
        }
    }

    /** Rows read a batch at a time (PostgreSQL keeps a cursor inside Flyway's transaction), not all at once. */
    private static Statement streaming(Connection db) throws Exception {
        Statement read = db.createStatement();
        read.setFetchSize(BATCH);
        return read;
    }

    private static int flushWhenFull(PreparedStatement write, int pending) throws Exception {
        if (pending < BATCH) {
            return pending;
        }
        write.executeBatch();
        return 0;
    }
}
