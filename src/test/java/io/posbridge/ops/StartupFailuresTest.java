package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.posbridge.PosbridgeApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Each start-up mistake an operator can make ends the start with one line naming the cause. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailuresTest {

    @TempDir
    Path routes;

    @Test
    void productionStartWithoutDatabaseNamesTheSetting(CapturedOutput output) {
        List<String> args = completeSettings();
        args.removeIf(a -> a.startsWith("--spring.datasource.url"));

        assertThatThrownBy(() -> start(args)).isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).settings()).containsExactly("spring.datasource.url"));
        assertThat(output).contains("posbridge cannot start: missing required settings: spring.datasource.url (SPRING_DATASOURCE_URL)")
                .doesNotContain("\tat ");
    }

    @Test
    void namesEveryMissingSettingAtOnce() {
        assertThatThrownBy(() -> start(List.of("--posbridge.routes-dir=" + routes)))
                .isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).settings()).contains(
                        "spring.datasource.url", "posbridge.tokenx.client-id", "posbridge.tokenx.client-secret",
                        "posbridge.yoyo.vsp-id", "posbridge.yoyo.vsp-password", "posbridge.admin.password"));
    }

    @Test
    void aHalfThatIsOffNeedsNoSettings() {
        List<String> args = new ArrayList<>(List.of("--posbridge.routes-dir=" + routes, "--posbridge.tokenx.enabled=false"));
        assertThatThrownBy(() -> start(args)).isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).settings())
                        .noneMatch(s -> s.startsWith("posbridge.tokenx"))
                        .contains("posbridge.yoyo.vsp-id"));
    }

    @Test
    void aMissingRoutesFolderIsNamed(CapturedOutput output) {
        List<String> args = completeSettings();
        args.replaceAll(a -> a.startsWith("--posbridge.routes-dir") ? "--posbridge.routes-dir=" + routes.resolve("nowhere") : a);
        assertThatThrownBy(() -> start(args)).isInstanceOf(MissingSettingsException.class);
        assertThat(output).contains("the routes folder '" + routes.resolve("nowhere") + "' does not exist");
    }

    @Test
    void aMalformedRouteFileIsNamed(CapturedOutput output) throws Exception {
        Files.writeString(routes.resolve("broken.camel.yaml"), "- route:\n    from:\n      uri: timer:x\n     steps: [\n");
        assertThatThrownBy(() -> start(completeSettings()));
        assertThat(output).contains("posbridge cannot start: route file file:" + routes.resolve("broken.camel.yaml") + " is invalid")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnreachableDatabaseIsNamed(CapturedOutput output) {
        List<String> args = completeSettings();
        args.replaceAll(a -> a.startsWith("--spring.datasource.url") ? "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/posbridge" : a);
        assertThatThrownBy(() -> start(args));
        assertThat(output).contains("posbridge cannot start: cannot reach the database at jdbc:postgresql://127.0.0.1:1/posbridge")
                .doesNotContain("\tat ");
    }

    private List<String> completeSettings() {
        return new ArrayList<>(List.of(
                "--posbridge.routes-dir=" + routes,
                "--spring.datasource.url=jdbc:h2:mem:startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--server.port=0",
                "--management.server.port=0",
                "--spring.profiles.active=test"));
    }

    private static void start(List<String> args) {
        new SpringApplicationBuilder(PosbridgeApplication.class).run(args.toArray(String[]::new)).close();
    }
}
