package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgresExtension.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The same migrations must build the same tables on PostgreSQL (production) and H2 (sandbox). */
class MigrationsTest {

    @Test
    void migratesPostgresql() throws Exception {
        PostgresServer.get().inScratchDatabase((server, url) -> {
            MigrateResult result = migrate(url, server.username(), server.password());
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isEqualTo(migrationCount());
            assertThat(tables(url, server.username(), server.password())).containsAll(expectedTables());
        });
    }

    @Test
    void migratesH2InPostgresqlMode() throws Exception {
        String url = "jdbc:h2:mem:migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        MigrateResult result = migrate(url, "sa", "");
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(migrationCount());
        assertThat(tables(url, "sa", "")).containsAll(expectedTables());
    }

    /** V4 moves "this token is busy" from tokens.open_hold_key to the pending hold itself: nothing may come free. */
    @Test
    void upgradeKeepsTheTokenOfAPendingHoldBusy() throws Exception {
        PostgresServer.get().inScratchDatabase((server, url) -> {
            Flyway.configure().dataSource(url, server.username(), server.password()).locations("classpath:db/migration")
                    .target("3").load().migrate();
            try (Connection c = DriverManager.getConnection(url, server.username(), server.password())) {
                c.createStatement().execute("""
                        INSERT INTO accounts (id, currency, balance, held, created_at) VALUES ('acc', 'ZAR', 500, 100, now());
                        INSERT INTO tokens (id, type, account_id, open_hold_key, created_at)
                            VALUES ('busy', 'WICODE', 'acc', 'h-pending', now()), ('free', 'WICODE', 'acc', NULL, now());
                        INSERT INTO holds (hold_key, transfer_id, fingerprint, direction, token_id, account_id, amount, state,
                                           created_at, expires_at)
                            VALUES ('h-pending', '1', 'f', 'DEBIT', 'busy', 'acc', 100, 'PENDING', now(), now()),
                                   ('h-posted', '2', 'f', 'DEBIT', 'free', 'acc', 100, 'POSTED', now(), now())""");
            }
            assertThat(migrate(url, server.username(), server.password()).success).isTrue();
            try (Connection c = DriverManager.getConnection(url, server.username(), server.password());
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT hold_key, open_token_id FROM holds ORDER BY hold_key")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + "=" + rs.getString(2));
                }
                assertThat(rows).containsExactly("h-pending=busy", "h-posted=null");
            }
        });
    }

    private static MigrateResult migrate(String url, String user, String password) {
        return Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
    }

    private static int migrationCount() {
        return Flyway.configure().dataSource("jdbc:h2:mem:count", "sa", "").locations("classpath:db/migration")
                .load().info().all().length;
    }

    static List<String> expectedTables() {
        return List.of("camel_messageprocessed", "accounts", "tokens", "holds", "entries");
    }

    private static List<String> tables(String url, String user, String password) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }
}
