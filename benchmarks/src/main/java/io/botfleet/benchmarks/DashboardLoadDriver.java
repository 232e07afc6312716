package io.botfleet.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * The dashboard's figures with a big, busy fleet: the real distribution with 1,000 SMA bots on a
 * paper account that closes one candle per bot per second (so the stream carries about 1,000
 * {@code bot} events a second, plus fills and orders), and the page in headless Chromium.
 * <ol>
 *   <li>page load: a fresh navigation to {@code /ui/#/fleet} (the tab's token kept, as after a
 *       reload) until the frame after the fleet table was built (all 1,000 bots loaded, counted,
 *       sorted; the first page of 100 rows in the document), from the page's own
 *       {@code performance.mark}s; median of {@code RUNS} loads;</li>
 *   <li>the stream's rate as the page received it;</li>
 *   <li>responsiveness while it streams: the longest task on the page's main thread
 *       ({@code PerformanceObserver} "longtask", over {@code WATCH}), and the time for a click to
 *       take effect: from the click's hardware timestamp until the frame after its handler ran
 *       (a sort of the 1,000 bots, the page re-drawn), median and maximum of {@code CLICKS} clicks.</li>
 * </ol>
 * From the project root after {@code mvn -q package -DskipTests}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.DashboardLoadDriver
 * distribution/target/botfleet [bots]}. Needs /usr/bin/chromium and /usr/bin/chromedriver.
 */
public final class DashboardLoadDriver {

    private static final int RUNS = 7;
    /** Rows of the fleet table's first page (the page's default page size). */
    private static final int PAGE = 100;
    private static final int CLICKS = 20;
    private static final Duration WATCH = Duration.ofSeconds(20);

    private DashboardLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "distribution/target/botfleet").toAbsolutePath();
        int bots = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Map<String, String> account = Map.of("io.botfleet.exchange.paper-busy.cfg",
                "synthetic.symbol=BTCUSDT\nsynthetic.speed=60\nsynthetic.volatility=0.002\nbalance.USDT=100000000\n");
        try (DistributionServer server = new DistributionServer(dist, account, "-Xmx1g")) {
            server.awaitReady("busy");
            server.createBots("d", bots, "busy", "BTCUSDT", "1.0.0", true);
            while (server.running() < bots) {
                Thread.sleep(200);
            }
            ChromeDriver browser = chromium();
            try {
                String base = "http://127.0.0.1:" + server.port() + "/ui/";
                logIn(browser, base);
                measureLoads(browser, base, bots);
                measureStream(browser);
                String screenshot = System.getProperty("screenshot"); // -Dscreenshot=fleet.png: how it looked
                if (screenshot != null) {
                    Files.write(Path.of(screenshot), browser.getScreenshotAs(OutputType.BYTES));
                }
            } finally {
                browser.quit();
            }
        }
    }

    private static void logIn(ChromeDriver browser, String base) {
        browser.get(base);
        wait(browser).until(d -> !d.findElements(By.id("token")).isEmpty());
        browser.findElement(By.id("token")).sendKeys(DistributionServer.TOKEN);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait(browser).until(d -> "true".equals(d.findElement(By.id("fleet")).getAttribute("data-loaded")));
    }

    private static void measureLoads(ChromeDriver browser, String base, int bots) {
        List<Double> built = new ArrayList<>();
        List<Double> shown = new ArrayList<>();
        for (int run = 0; run < RUNS + 1; run++) {
            browser.get("about:blank");
            browser.get(base + "#/fleet");
            Object[] marks = new Object[2];
            wait(browser).until(d -> {
                Object b = js(browser, "const m = performance.getEntriesByName('botfleet:fleet-rendered'); return m.length ? m[0].startTime : null");
                Object s = js(browser, "const m = performance.getEntriesByName('botfleet:fleet-painted'); return m.length ? m[0].startTime : null");
                marks[0] = b;
                marks[1] = s;
                return b != null && s != null;
            });
            long rows = (Long) js(browser, "return document.querySelectorAll('#fleet tbody tr').length");
            String summary = (String) js(browser, "return document.getElementById('fleet-summary').textContent");
            if (rows != Math.min(bots, PAGE) || !summary.startsWith(bots + " bots")) {
                throw new IllegalStateException("fleet shows " + rows + " rows and '" + summary + "' for " + bots + " bots");
            }
            if (run > 0) { // the first load warms the browser's caches and the server's JIT
                built.add(((Number) marks[0]).doubleValue());
                shown.add(((Number) marks[1]).doubleValue());
            }
        }
        System.out.printf("page load, %d bots: table built %.0f ms, shown %.0f ms after navigation start (median of %d; shown min %.0f, max %.0f)%n",
                bots, median(built), median(shown), RUNS, Collections.min(shown), Collections.max(shown));
    }

    private static void measureStream(ChromeDriver browser) throws InterruptedException {
        js(browser, "window.__longTasks = []; new PerformanceObserver(l => l.getEntries().forEach(e => __longTasks.push(e.duration)))"
                + ".observe({type: 'longtask'});"
                + "window.__clicks = []; document.addEventListener('click', e => { const t0 = e.timeStamp;"
                + " requestAnimationFrame(() => setTimeout(() => __clicks.push(performance.now() - t0))); }, true);");
        long events0 = events(browser);
        long t0 = System.nanoTime();
        WebElement sortByCandles = browser.findElement(By.cssSelector("button[data-sort='candles']"));
        long clickEvery = WATCH.toMillis() / CLICKS;
        for (int i = 0; i < CLICKS; i++) {
            Thread.sleep(clickEvery);
            sortByCandles.click();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long events = events(browser) - events0;
        List<Double> longTasks = numbers(js(browser, "return __longTasks"));
        List<Double> clicks = numbers(js(browser, "return __clicks"));
        System.out.printf("stream: %.0f events/s received by the page over %.0f s%n", events / seconds, seconds);
        System.out.printf("while streaming: longest main-thread task %.0f ms (%d tasks over 50 ms); click to effect (sort 1,000 bots) median %.0f ms, max %.0f ms (%d clicks)%n",
                longTasks.isEmpty() ? 0.0 : Collections.max(longTasks), longTasks.size(), median(clicks),
                clicks.isEmpty() ? 0.0 : Collections.max(clicks), clicks.size());
    }

    private static long events(ChromeDriver browser) {
        Object n = js(browser, "return Number(document.getElementById('stream-status').dataset.events || 0)");
        return ((Number) n).longValue();
    }

    private static ChromeDriver chromium() throws Exception {
        Path profile = Files.createTempDirectory("botfleet-bench-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("botfleet.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("botfleet.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", "--user-data-dir=" + profile);
        return new ChromeDriver(service, options);
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static Object js(ChromeDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static List<Double> numbers(Object list) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).doubleValue());
        }
        return out;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
