package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/configuration.md is the configuration reference and application.yaml holds the settings and their defaults;
 * this keeps the two from drifting apart.
 *
 * <ul>
 *   <li>Every {@code posbridge.*} setting in application.yaml (every document of it, the sandbox profile's too) has
 *       one row in the page's tables, with its environment variable and its default.</li>
 *   <li>Every {@code posbridge.*} name the page mentions, in a table or in prose, exists: in application.yaml or as
 *       a component of a {@code @ConfigurationProperties} record.</li>
 *   <li>Every other setting with a row ({@code spring.*}, {@code camel.*}, {@code server.*},
 *       {@code management.*}) is set in application.yaml, with the default the row gives, or in
 *       application-sandbox.yaml (the database, which production must supply).</li>
 * </ul>
 *
 * <p>Two spellings stand for more than one key, and are the only ones allowed: a map's entries are documented with a
 * placeholder ({@code posbridge.orders.api-keys.<client>}, the map {@code api-keys}), and a group by a star
 * ({@code posbridge.tokenx.*}, which must name an existing group).
 */
class ConfigurationDocsTest {

    private static final Path APPLICATION = Path.of("src/main/resources/application.yaml");
    private static final Path SANDBOX = Path.of("src/main/resources/application-sandbox.yaml");
    private static final Path PAGE = Path.of("docs/configuration.md");

    /** A table row: setting, environment variable, default, meaning. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z][^`]*)` \\| (.*?) \\| (.*?) \\| (.*) \\|$");
    /** A name ending in a placeholder stands for the entries of a map. */
    private static final Pattern PLACEHOLDER = Pattern.compile("^(.+)\\.<([a-z-]+)>$");
    /** A posbridge setting named anywhere on the page; "io.posbridge.x" is a package, not a setting. */
    private static final Pattern NAMED = Pattern.compile(
            "(?<![\\w.])posbridge(?:(?:\\.[a-z0-9-]+)+(?:\\.<[a-z-]+>|\\.\\*)?|\\.\\*)");

    private static Map<String, Object> application;
    private static Map<String, Object> sandbox;
    private static Set<String> recordKeys;
    private static Set<String> recordMaps;
    private static Map<String, Row> rows;
    private static String page;

    record Row(String setting, String environment, String defaultValue) {
    }

    @BeforeAll
    static void read() throws IOException {
        application = leaves(APPLICATION);
        sandbox = leaves(SANDBOX);
        recordKeys = new TreeSet<>();
        recordMaps = new TreeSet<>();
        readRecords();
        page = Files.readString(PAGE);
        rows = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (String line : page.lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (row.matches() && rows.put(row.group(1), new Row(row.group(1), row.group(2), row.group(3))) != null) {
                duplicates.add(row.group(1));
            }
        }
        assertThat(duplicates).as("settings with more than one row in " + PAGE).isEmpty();
        assertThat(rows).as("rows found in " + PAGE).hasSizeGreaterThan(50);
    }

    @Test
    void everyPosbridgeSettingInApplicationYamlHasARowWithItsEnvironmentVariableAndDefault() {
        List<String> problems = new ArrayList<>();
        application.forEach((key, value) -> {
            if (!key.startsWith("posbridge.")) {
                return;
            }
            Row row = rows.get(key);
            if (row == null && value instanceof Map<?, ?>) {
                row = rows.values().stream().filter(r -> PLACEHOLDER.matcher(r.setting()).matches()
                        && baseOf(r.setting()).equals(key)).findFirst().orElse(null);
            }
            if (row == null) {
                problems.add(key + ": no row");
                return;
            }
            String wrong = wrongEnvironment(row, value);
            if (wrong != null) {
                problems.add(key + ": " + wrong);
            }
            wrong = wrongDefault(row, value);
            if (wrong != null) {
                problems.add(key + ": " + wrong);
            }
        });
        assertThat(problems).as("application.yaml against " + PAGE).isEmpty();
    }

    @Test
    void everyPosbridgeNameOnThePageExists() {
        Set<String> unknown = new TreeSet<>();
        Matcher named = NAMED.matcher(page);
        while (named.find()) {
            String name = named.group();
            boolean exists;
            if (name.endsWith(".*")) {
                exists = isNode(name.substring(0, name.length() - 2));
            } else if (PLACEHOLDER.matcher(name).matches()) {
                String map = baseOf(name);
                exists = application.get(map) instanceof Map<?, ?> || recordMaps.contains(map);
            } else {
                exists = isNode(name);
            }
            if (!exists) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("posbridge settings named in " + PAGE
                + " that are neither in application.yaml nor in a @ConfigurationProperties record").isEmpty();
    }

    @Test
    void everyOtherDocumentedSettingIsSetWithTheDefaultItsRowGives() {
        List<String> problems = new ArrayList<>();
        for (Row row : rows.values()) {
            String key = row.setting();
            if (key.startsWith("posbridge.")) {
                continue;
            }
            if (application.containsKey(key)) {
                String wrong = wrongDefault(row, application.get(key));
                if (wrong != null) {
                    problems.add(key + ": " + wrong);
                }
            } else if (!sandbox.containsKey(key)) {
                problems.add(key + ": set neither in application.yaml nor in application-sandbox.yaml");
            }
            String wrong = wrongEnvironment(row, application.getOrDefault(key, sandbox.get(key)));
            if (wrong != null) {
                problems.add(key + ": " + wrong);
            }
        }
        assertThat(problems).as(PAGE + " against application.yaml").isEmpty();
    }

    /** Spring Boot's relaxed form of the setting, or null when it is right. */
    private static String wrongEnvironment(Row row, Object value) {
        if (isListOfObjects(value)) {
            return row.environment().startsWith("—") ? null
                    : "a list of objects has no environment variable; the row says " + row.environment();
        }
        Matcher placeholder = PLACEHOLDER.matcher(row.setting());
        String expected = placeholder.matches()
                ? environmentOf(placeholder.group(1)) + "_<" + placeholder.group(2).toUpperCase() + ">"
                : environmentOf(row.setting());
        return row.environment().equals("`" + expected + "`") ? null
                : "environment should be `" + expected + "`, the row says " + row.environment();
    }

    /** The default the row must give for the YAML value, or null when it does. */
    private static String wrongDefault(Row row, Object value) {
        String cell = row.defaultValue();
        if (value == null || value instanceof Map<?, ?> map && map.isEmpty()
                || value instanceof List<?> list && list.isEmpty()) {
            return cell.startsWith("—") || cell.startsWith("empty") ? null
                    : "no default in application.yaml, so the row's default should start with — or 'empty': " + cell;
        }
        if (isListOfObjects(value)) {
            return cell.isBlank() ? "a list of objects should be described" : null;
        }
        String expected = value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(value);
        return cell.contains("`" + expected + "`") ? null : "default should show `" + expected + "`: " + cell;
    }

    private static boolean isListOfObjects(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>;
    }

    private static String environmentOf(String setting) {
        return setting.replace("-", "").replace('.', '_').toUpperCase();
    }

    private static String baseOf(String placeholderName) {
        Matcher placeholder = PLACEHOLDER.matcher(placeholderName);
        assertThat(placeholder.matches()).isTrue();
        return placeholder.group(1);
    }

    /** A setting or a group of settings: a leaf, or the prefix of one, in application.yaml or in a record. */
    private static boolean isNode(String name) {
        String prefix = name + ".";
        return application.containsKey(name) || recordKeys.contains(name)
                || application.keySet().stream().anyMatch(k -> k.startsWith(prefix))
                || recordKeys.stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** Every leaf of every document of a YAML file, by its dotted name: scalars, lists, empty maps and nulls. */
    private static Map<String, Object> leaves(Path yaml) throws IOException {
        Map<String, Object> leaves = new LinkedHashMap<>();
        for (Object document : new Yaml().loadAll(Files.readString(yaml))) {
            if (document instanceof Map<?, ?> map) {
                flatten("", map, leaves);
            }
        }
        return leaves;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> leaves) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> inner && !inner.isEmpty()) {
                flatten(name + ".", inner, leaves);
            } else {
                leaves.put(name, value);
            }
        });
    }

    /** The settings of posbridge's @ConfigurationProperties records, nested records followed, maps noted. */
    private static void readRecords() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.posbridge")) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            ConfigurationProperties properties = type.getAnnotation(ConfigurationProperties.class);
            String prefix = properties.prefix().isEmpty() ? properties.value() : properties.prefix();
            if (type.isRecord()) {
                readRecord(prefix, type);
            }
        }
        assertThat(recordKeys).as("settings read from @ConfigurationProperties records").contains("posbridge.routes-dir");
    }

    private static void readRecord(String prefix, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            Class<?> componentType = component.getType();
            if (componentType.isRecord() && componentType.getPackageName().startsWith("io.posbridge")) {
                readRecord(name, componentType);
            } else {
                recordKeys.add(name);
                if (Map.class.isAssignableFrom(componentType)) {
                    recordMaps.add(name);
                }
            }
        }
    }
}
