package io.posbridge.ops;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A start-up refused because settings are missing or point nowhere. */
public class MissingSettingsException extends RuntimeException {

    private final List<String> settings;

    public MissingSettingsException(List<String> settings) {
        this(settings, "missing required settings");
    }

    public MissingSettingsException(List<String> settings, String problem) {
        super(problem + ": " + settings.stream()
                .map(s -> s + " (" + environmentForm(s) + ")")
                .collect(Collectors.joining(", ")));
        this.settings = List.copyOf(settings);
    }

    public List<String> settings() {
        return settings;
    }

    /** The environment variable Spring Boot's relaxed binding reads for a setting. */
    public static String environmentForm(String setting) {
        return setting.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
