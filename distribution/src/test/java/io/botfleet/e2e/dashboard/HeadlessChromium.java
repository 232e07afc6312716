package io.botfleet.e2e.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.Assume;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The Debian {@code chromium} driven headless through its {@code chromium-driver}, both named by
 * path so that Selenium Manager never tries to download a browser or a driver.
 *
 * <p>Without them the browser tests skip with a message on a developer machine, and fail under
 * CI ({@code CI=true}), where {@code .ci/run} installs both: a browser test that silently skips
 * in CI would prove nothing.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("botfleet.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("botfleet.chromedriver", "/usr/bin/chromedriver");

    private static final java.util.regex.Pattern EXPECTED_REFUSAL = java.util.regex.Pattern.compile(
            "/api/v1/\\S* - Failed to load resource: the server responded with a status of (401|403|409|422) ");

    private final ChromeDriver driver;
    private final Path screenshots;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path screenshots, Path profile) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    /** Skips (locally) or fails (CI) when chromium or chromedriver is not installed. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        String message = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + ": missing under CI=true");
        }
        Assume.assumeTrue(message + ": skipped", installed);
    }

    /** A fresh browser (own profile) with a laptop-sized window; screenshots go to {@code screenshots}. */
    public static HeadlessChromium start(Path screenshots) throws IOException {
        assumeInstalled();
        Files.createDirectories(screenshots);
        Path profile = Files.createTempDirectory("botfleet-chromium-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // the background-networking flags matter here: without them connections are refused
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,900",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, screenshots, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Saves the page as {@code <name>.png} and returns the file. */
    public Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * Console messages of level SEVERE (errors) since the last call. Chromium also logs every
     * HTTP error answer as one; the API's refusals the page shows to the operator (401, 403, 409,
     * 422) are not errors of the page and are left out. Script errors, CSP violations and a file
     * of the page answering 404 all remain.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !EXPECTED_REFUSAL.matcher(m).find())
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
