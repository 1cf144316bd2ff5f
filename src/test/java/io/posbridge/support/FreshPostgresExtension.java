package io.posbridge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Creates a fresh PostgreSQL database for one test class and points Spring at it through system
 * properties; drops it afterwards. The server is, in order: {@code POSBRIDGE_TEST_JDBC_URL}, the
 * local server on 127.0.0.1:5432 (trust auth), or a Testcontainers PostgreSQL when Docker runs.
 */
public class FreshPostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FreshPostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        PostgresServer server = PostgresServer.get();
        String name = "posbridge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.execute("CREATE DATABASE " + name);
        context.getStore(NAMESPACE).put("database", name);
        System.setProperty("spring.datasource.url", server.urlOf(name));
        System.setProperty("spring.datasource.username", server.username());
        System.setProperty("spring.datasource.password", server.password());
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        String name = context.getStore(NAMESPACE).remove("database", String.class);
        System.clearProperty("spring.datasource.url");
        System.clearProperty("spring.datasource.username");
        System.clearProperty("spring.datasource.password");
        if (name != null) {
            PostgresServer.get().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Where the test PostgreSQL is, and an administrative connection to it. */
    public record PostgresServer(String baseUrl, String username, String password) {

        private static PostgresServer instance;

        public static synchronized PostgresServer get() {
            if (instance == null) {
                instance = locate();
            }
            return instance;
        }

        private static PostgresServer locate() {
            String configured = System.getenv("POSBRIDGE_TEST_JDBC_URL");
            String user = envOr("POSBRIDGE_TEST_JDBC_USERNAME", "postgres");
            String password = envOr("POSBRIDGE_TEST_JDBC_PASSWORD", "");
            if (configured != null && !configured.isBlank()) {
                return new PostgresServer(baseOf(configured), user, password);
            }
            PostgresServer local = new PostgresServer("jdbc:postgresql://127.0.0.1:5432/", user, password);
            if (local.answers()) {
                return local;
            }
            if (dockerAvailable()) {
                var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:16-alpine");
                container.start();
                return new PostgresServer(baseOf(container.getJdbcUrl()), container.getUsername(), container.getPassword());
            }
            throw new IllegalStateException("No PostgreSQL for the tests: start one on 127.0.0.1:5432 with trust auth "
                    + "(bash .ci/run does), or set POSBRIDGE_TEST_JDBC_URL (and _USERNAME/_PASSWORD), or run a Docker engine.");
        }

        private static String envOr(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        private static String baseOf(String url) {
            int slash = url.indexOf('/', "jdbc:postgresql://".length());
            return slash < 0 ? url + "/" : url.substring(0, slash + 1);
        }

        private static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }

        public String urlOf(String database) {
            return baseUrl + database.toLowerCase(Locale.ROOT);
        }

        private boolean answers() {
            try (Connection ignored = DriverManager.getConnection(urlOf("postgres"), username, password)) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        /** Work against a scratch database: this server and the database's JDBC URL. */
        public interface ScratchDatabaseWork {
            void run(PostgresServer server, String url) throws Exception;
        }

        /** Runs the work against a new, empty database on this server, dropped afterwards whatever happens. */
        public void inScratchDatabase(ScratchDatabaseWork work) throws Exception {
            String database = "posbridge_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            execute("CREATE DATABASE " + database);
            try {
                work.run(this, urlOf(database));
            } finally {
                execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }

        public void execute(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(urlOf("postgres"), username, password);
                    Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
