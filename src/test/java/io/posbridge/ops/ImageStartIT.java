package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The container image, without a Docker engine: bench/ImageStart.java builds the image's /app folder from the
 * Dockerfile and the packaged jar (Spring Boot's layers, the class data sharing training run), starts posbridge with
 * the Dockerfile's ENTRYPOINT against a fresh PostgreSQL database and waits for readiness on the management port.
 * It runs after the jar is packaged (failsafe); it asserts no timing, only that the start works as the image's would.
 */
@FreshPostgres
class ImageStartIT {

    @Test
    void theImageStartsWithItsEntrypointAndClassDataSharingArchive() throws Exception {
        Path work = Path.of("target/image-start");
        Path output = Path.of("target/image-start.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "bench/ImageStart.java", "--check", "--work", work.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("IMAGE_START_JDBC_URL", System.getProperty("spring.datasource.url"));
        builder.environment().put("IMAGE_START_JDBC_USERNAME", System.getProperty("spring.datasource.username"));
        builder.environment().put("IMAGE_START_JDBC_PASSWORD", System.getProperty("spring.datasource.password"));
        Process process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("bench/ImageStart.java --check finished within 10 minutes:\n" + out).isTrue();
        assertThat(process.exitValue()).as("bench/ImageStart.java --check (its folder: " + work + "):\n" + out)
                .isZero();
        assertThat(out).contains("image start: PASS", "archive mapped", "exit status 0 after SIGTERM");
    }
}
