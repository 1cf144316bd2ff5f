package io.posbridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.ledger.Holds;
import io.posbridge.reconciliation.DayReport.OrderTally;
import io.posbridge.reconciliation.DayReport.Posting;
import io.posbridge.reconciliation.DayReport.Row;
import io.posbridge.reconciliation.DayReport.Tally;
import io.posbridge.support.FreshPostgresExtension.PostgresServer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The reconciliation's SQL and the V6 migration that fills its columns, on PostgreSQL (production) and on H2 in
 * PostgreSQL mode (the sandbox): rows written before V6 get their store and total, and one day's figures come out the
 * same on both.
 */
class ReconciliationSqlTest {

    @Test
    void onPostgresql() throws Exception {
        PostgresServer.get().inScratchDatabase((server, url) ->
                check(new DriverManagerDataSource(url, server.username(), server.password())));
    }

    @Test
    void onH2InPostgresqlMode() {
        check(new DriverManagerDataSource("jdbc:h2:mem:recon-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", ""));
    }

    private static void check(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("5").load().migrate();
        JdbcClient db = JdbcClient.create(dataSource);
        rowsWrittenBeforeV6(db);

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        assertThat(db.sql("SELECT hold_key || '=' || COALESCE(store, '-') FROM holds ORDER BY hold_key").query(String.class)
                .list()).containsExactly("h1=1050", "h2=999/10501", "h3=-");
        assertThat(db.sql("SELECT order_id || '=' || CAST(total AS VARCHAR(20)) FROM orders ORDER BY order_id").query(String.class).list())
                .containsExactly("o1=1750", "o2=700");
        rowsWrittenAfterV6(db);

        DayReport utc = new DailyReconciliation(db, new ReconciliationProperties(ZoneId.of("UTC"), "TRY"))
                .report(LocalDate.parse("2026-12-01"), null);
        assertThat(utc.timeZone()).isEqualTo("UTC");
        assertThat(utc.rows()).containsExactly(
                new Row("", "ZAR", new Tally(1, 500), Posting.NONE, Tally.NONE, Tally.NONE, new Tally(1, 500),
                        Posting.NONE, Tally.NONE, List.of()),
                new Row("1050", "ZAR", new Tally(2, 1200), new Posting(2, 1400, 1300), Tally.NONE, new Tally(1, 200),
                        Tally.NONE, new Posting(1, 400, 400), new Tally(1, 200), List.of()),
                new Row("999/10501", "USD", new Tally(1, -300), Posting.NONE, new Tally(1, -300), Tally.NONE, Tally.NONE,
                        Posting.NONE, Tally.NONE, List.of()),
                new Row("BR-1", "TRY", Tally.NONE, Posting.NONE, Tally.NONE, Tally.NONE, Tally.NONE, Posting.NONE,
                        Tally.NONE, List.of(new OrderTally("RECEIVED", 1, 99), new OrderTally("COMPLETED", 1, 1750))));

        DailyReconciliation istanbul = new DailyReconciliation(db,
                new ReconciliationProperties(ZoneId.of("Europe/Istanbul"), "TRY"));
        assertThat(istanbul.report(LocalDate.parse("2026-12-01"), "T-1").rows())
                .as("23:00 UTC on 30 November is 02:00 on 1 December in Istanbul")
                .containsExactly(new Row("T-1", "TRY", Tally.NONE, Posting.NONE, Tally.NONE, Tally.NONE, Tally.NONE,
                        Posting.NONE, Tally.NONE, List.of(new OrderTally("REJECTED", 1, 700))));
        assertThat(istanbul.report(LocalDate.parse("2026-12-01"), "1050").rows()).extracting(Row::store)
                .containsExactly("1050");
    }

    /** Rows as posbridge wrote them up to V5: the store only in holds.details, the total only in the basket. */
    private static void rowsWrittenBeforeV6(JdbcClient db) {
        db.sql("""
                INSERT INTO accounts (id, currency, balance, held, created_at) VALUES
                    ('c1', 'ZAR', 100000, 500, TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00'),
                    ('c2', 'USD', 100000, 0, TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00')""").update();
        db.sql("""
                INSERT INTO tokens (id, type, account_id, created_at) VALUES
                    ('t1', 'WICODE', 'c1', TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00'),
                    ('t2', 'WICODE', 'c2', TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00'),
                    ('t3', 'WICODE', 'c1', TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00')""").update();
        db.sql("""
                INSERT INTO holds (hold_key, transfer_id, fingerprint, direction, token_id, account_id, amount, posted_amount,
                                   state, details, open_token_id, created_at, expires_at, resolved_at) VALUES
                    ('h1', '1', 'f', 'DEBIT', 't1', 'c1', 1000, 900, 'POSTED',
                     'type=PAYMENT storeId=1050 remoteStoreId=10501 retailerId=999 basketId=b1 trxId=1 posId=p cashierId=c wiVspTrxId=5',
                     NULL, TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-12-02 10:00:00+00',
                     TIMESTAMP WITH TIME ZONE '2026-12-01 10:05:00+00'),
                    ('h2', '2', 'f', 'CREDIT', 't2', 'c2', 300, NULL, 'REVERSED',
                     'type=DEPOSIT storeId=null remoteStoreId=10501 retailerId=999 basketId=b2 trxId=2 posId=p cashierId=c wiVspTrxId=6',
                     NULL, TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-12-02 10:00:00+00',
                     TIMESTAMP WITH TIME ZONE '2026-12-01 11:00:00+00'),
                    ('h3', '3', 'f', 'DEBIT', 't3', 'c1', 500, NULL, 'PENDING', NULL, 't3',
                     TIMESTAMP WITH TIME ZONE '2026-12-01 23:59:59+00', TIMESTAMP WITH TIME ZONE '2026-12-02 23:59:59+00', NULL)
                """).update();
        db.sql("""
                INSERT INTO orders (order_id, arrival, basket_id, source, fingerprint, terminal_id, branch_id, basket, state,
                                    received_at, updated_at) VALUES
                    ('o1', 1, 'b-o1', 'HTTP', 'f', NULL, 'BR-1',
                     '{"basketID":"b-o1","paymentItems":[{"type":1,"amount":1500},{"type":3,"amount":250}]}', 'COMPLETED',
                     TIMESTAMP WITH TIME ZONE '2026-12-01 09:00:00+00', TIMESTAMP WITH TIME ZONE '2026-12-01 09:00:00+00'),
                    ('o2', 2, 'b-o2', 'FILE', 'f', 'T-1', NULL,
                     '{"basketID":"b-o2","paymentItems":[{"type":1,"amount":700}]}', 'REJECTED',
                     TIMESTAMP WITH TIME ZONE '2026-11-30 23:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-30 23:00:00+00')
                """).update();
    }

    /** Rows as posbridge writes them now, store and total filled, among them both marks of a FINALISE after expiry. */
    private static void rowsWrittenAfterV6(JdbcClient db) {
        db.sql("""
                INSERT INTO holds (hold_key, transfer_id, fingerprint, direction, token_id, account_id, amount, posted_amount,
                                   state, details, reconciliation, store, created_at, expires_at, resolved_at) VALUES
                    ('h4', '4', 'f', 'DEBIT', 't1', 'c1', 200, NULL, 'EXPIRED', NULL, :refused, '1050',
                     TIMESTAMP WITH TIME ZONE '2026-12-01 08:00:00+00', TIMESTAMP WITH TIME ZONE '2026-12-01 08:30:00+00',
                     TIMESTAMP WITH TIME ZONE '2026-12-01 08:30:00+00'),
                    ('h5', '5', 'f', 'DEBIT', 't1', 'c1', 400, 400, 'POSTED', NULL, :late, '1050',
                     TIMESTAMP WITH TIME ZONE '2026-11-30 12:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-30 12:30:00+00',
                     TIMESTAMP WITH TIME ZONE '2026-12-01 12:00:00+00')
                """).param("refused", Holds.POST_AFTER_EXPIRY_REFUSED).param("late", Holds.POSTED_AFTER_EXPIRY).update();
        db.sql("""
                INSERT INTO orders (order_id, arrival, basket_id, source, fingerprint, terminal_id, branch_id, basket, total,
                                    state, received_at, updated_at) VALUES
                    ('o3', 3, 'b-o3', 'HTTP', 'f', NULL, 'BR-1', '{}', 99, 'RECEIVED',
                     TIMESTAMP WITH TIME ZONE '2026-12-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-12-01 00:00:00+00')
                """).update();
    }
}
