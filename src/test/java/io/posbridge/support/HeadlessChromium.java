package io.posbridge.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through its chromedriver. Both paths are given to Selenium, so its Selenium
 * Manager never looks for (or downloads) a browser or a driver. Without them a test fails, naming the packages: a
 * browser test that skipped itself would hide a broken page.
 */
public final class HeadlessChromium {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** A fresh browser with a profile of its own in {@code profile}; quit it when done. */
    public static ChromeDriver start(Path profile) {
        for (Path needed : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed + " is missing: the browser tests need Debian's chromium and "
                        + "chromedriver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
            }
        }
        try {
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1400,2200", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new ChromeDriver(service, options);
    }
}
