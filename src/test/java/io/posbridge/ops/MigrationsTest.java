package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgresExtension.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The same migrations must build the same tables on PostgreSQL (production) and H2 (sandbox). */
class MigrationsTest {

    @Test
    void migratesPostgresql() throws Exception {
        PostgresServer server = PostgresServer.get();
        String database = "posbridge_migrations_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        server.execute("CREATE DATABASE " + database);
        try {
            String url = server.urlOf(database);
            MigrateResult result = migrate(url, server.username(), server.password());
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isEqualTo(migrationCount());
            assertThat(tables(url, server.username(), server.password())).containsAll(expectedTables());
        } finally {
            server.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void migratesH2InPostgresqlMode() throws Exception {
        String url = "jdbc:h2:mem:migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        MigrateResult result = migrate(url, "sa", "");
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(migrationCount());
        assertThat(tables(url, "sa", "")).containsAll(expectedTables());
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
