package io.posbridge.ops;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.RuntimeCamelException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Turns the start-up failures an operator can fix into one readable cause and action, instead of a
 * stack trace. Registered in META-INF/spring.factories.
 */
public final class StartupFailureAnalyzers {

    private StartupFailureAnalyzers() {
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static class MissingSettings extends AbstractFailureAnalyzer<MissingSettingsException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, MissingSettingsException cause) {
            return new FailureAnalysis("posbridge cannot start: " + cause.getMessage(),
                    "Give each setting as an environment variable (the name in brackets) or as --setting=value, "
                            + "or start the sandbox with ./mvnw spring-boot:run.", cause);
        }
    }

    /** Camel wraps a bad route file in several layers; the file is named in one, the reason in the deepest. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static class Camel extends AbstractFailureAnalyzer<RuntimeCamelException> {
        private static final Pattern RESOURCE = Pattern.compile("((?:file|classpath):[^\\s,]+)");

        @Override
        protected FailureAnalysis analyze(Throwable root, RuntimeCamelException cause) {
            String resource = null;
            Throwable deepest = cause;
            for (Throwable t = cause; t != null; t = t.getCause()) {
                Matcher m = RESOURCE.matcher(String.valueOf(t.getMessage()));
                if (resource == null && m.find()) {
                    resource = m.group(1);
                }
                deepest = t;
            }
            String reason = String.valueOf(deepest.getMessage()).strip().replaceAll("\\s*\\n\\s*", " ");
            if (resource == null) {
                return new FailureAnalysis("posbridge cannot start: Camel failed: " + reason,
                        "Check the routes and the settings they use.", cause);
            }
            return new FailureAnalysis("posbridge cannot start: route file " + resource + " is invalid: " + reason,
                    "Fix or remove the route file, then start again.", cause);
        }
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static class Database extends AbstractFailureAnalyzer<SQLException> {
        private final Environment environment;

        public Database(Environment environment) {
            this.environment = environment;
        }

        @Override
        protected FailureAnalysis analyze(Throwable root, SQLException cause) {
            String url = environment.getProperty("spring.datasource.url", "(no URL)");
            String state = cause.getSQLState() == null ? "" : cause.getSQLState();
            String what = state.startsWith("08") ? "cannot reach the database"
                    : state.startsWith("28") ? "the database refused the credentials"
                    : "the database failed";
            return new FailureAnalysis("posbridge cannot start: " + what + " at " + url + ": " + cause.getMessage(),
                    "Check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, "
                            + "and that the database accepts connections.", cause);
        }
    }
}
