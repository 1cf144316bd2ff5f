package io.posbridge.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start, naming every missing setting at once, before any bean is built.
 * It runs this early so that a production start without a database URL fails instead of
 * quietly falling back to Spring Boot's embedded database.
 */
public class RequiredSettingsCheck implements EnvironmentPostProcessor {

    private record Requirement(String setting, String onlyWhenEnabled) {
    }

    private static final List<Requirement> REQUIREMENTS = List.of(
            new Requirement("spring.datasource.url", null),
            new Requirement("posbridge.tokenx.auth-url", "posbridge.tokenx.enabled"),
            new Requirement("posbridge.tokenx.basket-url", "posbridge.tokenx.enabled"),
            new Requirement("posbridge.tokenx.client-settings-url", "posbridge.tokenx.enabled"),
            new Requirement("posbridge.tokenx.client-id", "posbridge.tokenx.enabled"),
            new Requirement("posbridge.tokenx.client-secret", "posbridge.tokenx.enabled"),
            new Requirement("posbridge.tokenx.callback-url", "posbridge.tokenx.enabled"),
            new Requirement("posbridge.tokenx.callback-auth", "posbridge.tokenx.enabled"),
            new Requirement("posbridge.yoyo.vsp-id", "posbridge.yoyo.enabled"),
            new Requirement("posbridge.yoyo.vsp-password", "posbridge.yoyo.enabled"),
            new Requirement("posbridge.admin.username", null),
            new Requirement("posbridge.admin.password", null));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : REQUIREMENTS) {
            boolean applies = requirement.onlyWhenEnabled() == null
                    || binder.bind(requirement.onlyWhenEnabled(), Boolean.class).orElse(true);
            String value = binder.bind(requirement.setting(), String.class).orElse("");
            if (applies && value.isBlank()) {
                missing.add(requirement.setting());
            }
        }
        boolean queueIntake = !binder.bind("posbridge.orders.queue-uri", String.class).orElse("").isBlank();
        if (queueIntake && binder.bind("posbridge.orders.queue-dead-letter-uri", String.class).orElse("").isBlank()) {
            // Refused queue messages must go somewhere; without a dead-letter queue they would be dropped.
            missing.add("posbridge.orders.queue-dead-letter-uri");
        }
        boolean orderHalf = binder.bind("posbridge.tokenx.enabled", Boolean.class).orElse(true);
        if (orderHalf && binder.bind("posbridge.orders.api-keys", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()).isEmpty()) {
            // Without a key nobody could use the orders API; say so at start rather than answer every till 401.
            missing.add("posbridge.orders.api-keys");
        }
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
        String routesDir = binder.bind("posbridge.routes-dir", String.class).orElse("");
        if (!Files.isDirectory(Path.of(routesDir))) {
            throw new MissingSettingsException(List.of("posbridge.routes-dir"),
                    "the routes folder '" + Path.of(routesDir).toAbsolutePath() + "' does not exist");
        }
    }
}
