package io.botfleet.e2e.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.e2e.StrategyJars;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (headless Chromium through Selenium) against the real
 * distribution: log in, see the demo bot, pause and resume it, watch a fill arrive through the
 * stream, swap its strategy version and roll back, upload an invalid jar and see the reason; and a
 * viewer's token shows everything with every button that would change something disabled; halt the
 * fleet (the confirmation names the scope), see the banner and lift it; flatten the demo bot.
 * Each test asserts on what the page shows (cross-checked with the API where the page claims a
 * change) and saves a screenshot under {@code target/screenshots/}; none may log a console error.
 */
public class DashboardBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT = "demo-sma";
    private static DistributionProcess server;
    private static HeadlessChromium browser;
    private static DashboardPage page;
    private static Path output;

    @BeforeClass
    public static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        output = Path.of(System.getProperty("botfleet.screenshots", "target/screenshots"));
        server = DistributionProcess.builder("dashboard").start();
        server.awaitReady(Duration.ofSeconds(90));
        // readiness is about trading; the page's own whiteboard context may register a moment later
        server.awaitOk("/ui/", Duration.ofSeconds(60));
        awaitApi("/api/v1/bots/" + BOT, b -> "RUNNING".equals(b.path("state").asText()), BOT + " RUNNING");
        // a second installed version of the SMA strategy, to swap to
        HttpResponse<String> deployed = server.send(HttpRequest.newBuilder(server.uri("/api/v1/bundles"))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(StrategyJars.smaVersion("1.1.0"))));
        assertEquals(deployed.body(), 201, deployed.statusCode());
        browser = HeadlessChromium.start(output);
        page = new DashboardPage(browser.driver(), server.uri("/"));
    }

    @AfterClass
    public static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
    }

    @Before
    public void logIn() {
        page.logIn(server.adminToken());
    }

    /** Whatever a test left halted is lifted, so one failure cannot leave the next tests halted too. */
    @After
    public void liftHalts() throws IOException {
        server.send(HttpRequest.newBuilder(server.uri("/api/v1/halt")).DELETE()
                .header("Authorization", "Bearer " + server.adminToken()));
    }

    @After
    public void noConsoleErrors() {
        List<String> errors = browser.consoleErrors();
        assertTrue("console errors: " + errors, errors.isEmpty());
    }

    @Test
    public void logInAndSeeTheDemoBot() throws IOException {
        page.openLoggedOut();
        page.submitToken("bf_not-a-token-of-this-server");
        assertEquals("Not logged in: the token is invalid or revoked", page.loginError());
        browser.screenshot("01-login-refused");

        page.submitToken(server.adminToken());
        page.awaitFleet();
        assertEquals("Signed in as admin (admin)", page.text(By.id("who")));
        assertTrue(page.hasFleetRow(BOT));
        assertEquals("RUNNING", page.fleetCell(BOT, "state"));
        assertEquals("sma-crossover@1.0.0", page.fleetCell(BOT, "strategy"));
        assertEquals("BTCUSDT 1m", page.fleetCell(BOT, "symbol"));
        assertFalse("no Node column outside cluster mode",
                browser.driver().findElement(By.cssSelector("#fleet th[data-col='node']")).isDisplayed());
        assertEquals("Live updates: on", page.await("the stream on",
                d -> page.streamStatus().equals("Live updates: on") ? page.streamStatus() : null));
        browser.screenshot("02-fleet-with-demo-bot");
        assertFalse("the token never appears in the page's URL", browser.driver().getCurrentUrl().contains(server.adminToken()));
    }

    @Test
    public void pauseAndResumeTheDemoBot() throws IOException {
        assertEquals(List.of("pause", "stop"), page.awaitFleetState(BOT, "RUNNING"));
        page.verbButton(BOT, "pause").click();
        assertEquals("pause is refused while PAUSED, resume allowed", List.of("resume", "stop"),
                page.awaitFleetState(BOT, "PAUSED"));
        assertEquals("PAUSED", api("/api/v1/bots/" + BOT).path("state").asText());
        browser.screenshot("03-demo-bot-paused");

        page.verbButton(BOT, "resume").sendKeys(Keys.ENTER); // by keyboard: the buttons are real buttons
        assertEquals(List.of("pause", "stop"), page.awaitFleetState(BOT, "RUNNING"));
        assertEquals("RUNNING", api("/api/v1/bots/" + BOT).path("state").asText());
        browser.screenshot("04-demo-bot-resumed");
    }

    @Test
    public void aFillArrivesThroughTheStream() throws IOException {
        page.openBot(BOT);
        Set<String> before = execIds();
        // the page loads fills once; any new row can only have come from a stream event
        String arrived = page.await("a new fill", d -> execIds().stream().filter(id -> !before.contains(id))
                .findFirst().orElse(null));
        JsonNode fills = api("/api/v1/bots/" + BOT + "/fills?limit=1000");
        boolean known = false;
        for (JsonNode fill : fills) {
            known |= arrived.equals(fill.path("execId").asText());
        }
        assertTrue("the fill shown is one the server recorded: " + arrived, known);
        assertEquals("Live updates: on", page.streamStatus());
        browser.screenshot("05-fill-arrived-through-stream");
    }

    @Test
    public void swapTheStrategyVersionAndRollBack() throws IOException {
        page.openBot(BOT);
        assertEquals("sma-crossover@1.0.0", page.fact("Strategy"));
        assertFalse("nothing to roll back to yet", page.button("rollback").isEnabled());
        page.chooseSwapVersion("1.1.0");
        assertEquals("Swap demo-sma from sma-crossover 1.0.0 to sma-crossover 1.1.0?", page.clickAndReadConfirmation("swap"));
        browser.screenshot("06-swap-confirmation");
        page.confirm();
        page.await("the new version", d -> page.fact("Strategy").equals("sma-crossover@1.1.0"));
        assertEquals("1.1.0", api("/api/v1/bots/" + BOT).path("strategy").path("version").asText());
        List<String> upgrade = page.await("the upgrade in the history", d -> firstHistoryRowOfKind("UPGRADE"));
        assertEquals(List.of("UPGRADE", "1.0.0", "1.1.0", "OK"), upgrade.subList(1, 5));
        browser.screenshot("07-swapped-to-1.1.0");

        assertEquals("Roll back demo-sma from sma-crossover 1.1.0 to sma-crossover 1.0.0?",
                page.clickAndReadConfirmation("rollback"));
        page.confirm();
        page.await("the old version", d -> page.fact("Strategy").equals("sma-crossover@1.0.0"));
        assertEquals("1.0.0", api("/api/v1/bots/" + BOT).path("strategy").path("version").asText());
        List<String> rollback = page.await("the rollback in the history", d -> firstHistoryRowOfKind("ROLLBACK"));
        assertEquals(List.of("ROLLBACK", "1.1.0", "1.0.0", "OK"), rollback.subList(1, 5));
        browser.screenshot("08-rolled-back-to-1.0.0");
    }

    @Test
    public void uploadAnInvalidJarAndSeeTheReason() throws IOException {
        Path jar = Files.createDirectories(output).resolve("not-a-bundle.jar");
        Files.write(jar, StrategyJars.notABundle());
        HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/bundles"))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofFile(jar)));
        assertEquals(refused.body(), 422, refused.statusCode());
        String reason = JSON.readTree(refused.body()).path("detail").asText();

        page.openStrategies();
        List<String> versions = browser.driver().findElements(By.cssSelector("#strategies tbody tr"))
                .stream().map(tr -> tr.getAttribute("data-strategy") + " " + tr.getAttribute("data-version"))
                .collect(Collectors.toList());
        assertTrue(versions.toString(), versions.containsAll(List.of("sma-crossover 1.0.0", "sma-crossover 1.1.0")));
        page.chooseUpload(jar);
        assertEquals("Refused: " + reason, page.uploadResult());
        browser.screenshot("09-upload-refused");
    }

    @Test
    public void haltTheFleetWithTheBannerThenLiftIt() throws Exception {
        page.awaitFleet();
        page.await("the accounts in the halt scope", d -> page.text(By.id("halt-scope")).contains("Account paper/default")
                ? "" : null);
        new Select(browser.driver().findElement(By.id("halt-scope"))).selectByValue("paper/default");
        assertEquals("Halt account paper/default? No bot in scope opens a position until the halt is lifted. Their open"
                + " orders are cancelled; positions are kept.", page.clickAndReadConfirmation("halt"));
        page.cancel();
        new Select(browser.driver().findElement(By.id("halt-scope"))).selectByValue("");
        assertEquals("Halt the whole fleet? No bot in scope opens a position until the halt is lifted. Their open"
                + " orders are cancelled; positions are kept.", page.clickAndReadConfirmation("halt"));
        browser.screenshot("11-halt-confirmation");
        page.confirm();
        String banner = page.await("the halt banner", d -> {
            WebElement el = browser.driver().findElement(By.id("halt-banner"));
            return el.isDisplayed() && el.getText().contains("Halted: the whole fleet") ? el.getText() : null;
        });
        assertTrue(banner, banner.contains("by admin"));
        assertEquals(1, api("/api/v1/halt").size());
        page.awaitFleetState(BOT, "PAUSED");
        browser.screenshot("12-fleet-halted");

        browser.driver().findElement(By.cssSelector("#halt-banner button.lift")).click();
        page.await("the lift confirmation", d -> browser.driver().findElement(By.id("confirm")).isDisplayed() ? "" : null);
        assertEquals("Lift the halt of the whole fleet? Its bots return to their desired state.",
                page.text(By.id("confirm-text")));
        page.confirm();
        page.await("the banner gone", d -> browser.driver().findElement(By.id("halt-banner")).isDisplayed() ? null : "");
        assertEquals(0, api("/api/v1/halt").size());
        assertEquals(List.of("pause", "stop"), page.awaitFleetState(BOT, "RUNNING"));
    }

    @Test
    public void flattenTheDemoBotFromItsView() throws Exception {
        page.openBot(BOT);
        assertEquals("Flatten demo-sma: cancel its open orders and close its position at market? The bot ends PAUSED.",
                page.clickAndReadConfirmation("flatten"));
        page.confirm();
        page.await("PAUSED after the flatten", d -> page.fact("State").equals("PAUSED") ? "" : null);
        awaitApi("/api/v1/bots/" + BOT, b -> "PAUSED".equals(b.path("desiredState").asText())
                && new java.math.BigDecimal(b.path("position").path("qty").asText()).signum() == 0, "flat and PAUSED");
        browser.screenshot("13-demo-bot-flattened");
        HttpResponse<String> resumed = server.send(HttpRequest.newBuilder(server.uri("/api/v1/bots/" + BOT + "/resume"))
                .header("Authorization", "Bearer " + server.adminToken()).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(resumed.body(), 200, resumed.statusCode()); // the other tests expect it RUNNING
    }

    @Test
    public void runASweepCompareTwoRunsAndOfferTheSwap() throws Exception {
        uploadCandles("paper/BTCUSDT/1m");
        page.openBacktests();
        page.chooseOption("bt-strategy", "sma-crossover");
        page.tick("bt-version", "1.0.0", true);
        page.tick("bt-version", "1.1.0", true);
        page.type("bt-params", "fast=5,7 slow=20");
        page.chooseOption("bt-dataset", "paper/BTCUSDT/1m");
        page.button("bt-submit").click();
        String id = page.await("the backtest's page", d -> {
            String url = d.getCurrentUrl();
            return url.contains("#/backtests/") ? url.substring(url.indexOf("#/backtests/") + 12) : null;
        });
        page.await("the backtest DONE", d -> "DONE".equals(page.text(By.cssSelector("#bt-facts dd[data-fact='State']"))));
        JsonNode backtest = api("/api/v1/backtests/" + id);
        assertEquals(backtest.toString(), 4, backtest.path("runs").size());
        List<List<String>> runs = page.await("four runs", d -> page.tableRows("bt-runs").size() == 4 ? page.tableRows("bt-runs") : null);
        assertEquals(List.of("0", "1.0.0", "fast=5 slow=20"), runs.get(0).subList(0, 3));
        assertEquals(List.of("3", "1.1.0", "fast=7 slow=20"), runs.get(3).subList(0, 3));
        browser.screenshot("11-backtest-sweep");

        // sorted by net PnL, best first, as the API's figures say
        page.button(By.cssSelector("#bt-runs button[data-sort='netPnl']")).click();
        List<String> byPnl = page.tableRows("bt-runs").stream().map(r -> r.get(0)).collect(Collectors.toList());
        List<String> expected = new java.util.ArrayList<>();
        backtest.path("runs").forEach(r -> expected.add(r.path("n").asText()));
        expected.sort((a, b) -> {
            int byValue = new java.math.BigDecimal(netPnl(backtest, b)).compareTo(new java.math.BigDecimal(netPnl(backtest, a)));
            return byValue != 0 ? byValue : Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        });
        assertEquals(expected, byPnl);

        // two runs side by side
        page.button(By.cssSelector("#bt-runs input[data-compare='0']")).click();
        page.button(By.cssSelector("#bt-runs input[data-compare='3']")).click();
        page.await("the comparison", d -> page.button(By.id("bt-compare")).isDisplayed());
        List<String> trades = page.tableRows("bt-compare").stream().filter(r -> r.get(0).equals("Trades"))
                .findFirst().orElseThrow();
        assertEquals(List.of("Trades", report(backtest, 0).path("trades").asText(), report(backtest, 3).path("trades").asText()), trades);

        // one run: its report, equity curve and trades, and the swap of a bot to its version
        page.button(By.cssSelector("#bt-runs button[data-show='3']")).click();
        page.await("run 3 shown", d -> "3".equals(page.attribute(By.id("bt-run"), "data-loaded")));
        assertTrue(page.tableRows("bt-report").contains(List.of("Trades", report(backtest, 3).path("trades").asText())));
        assertFalse("the equity chart is drawn", browser.driver().findElements(By.cssSelector("#bt-equity canvas")).isEmpty());
        assertEquals(Math.min(100, report(backtest, 3).path("trades").asInt()), page.tableRows("bt-trades").size());
        assertEquals("Swap " + BOT + " to sma-crossover 1.1.0?", page.clickAndReadConfirmation("bt-swap"));
        page.cancel();
        browser.screenshot("12-backtest-run");
    }

    @Test
    public void theNodesViewSaysClusterModeIsOff() throws IOException {
        page.openNodes();
        assertEquals("Cluster mode is off: this server runs the whole fleet alone.", page.text(By.id("nodes-summary")));
        assertEquals(List.of(List.of("No cluster.")), page.tableRows("nodes"));
        browser.screenshot("14-nodes-single-mode");
    }

    @Test
    public void aViewerSeesEverythingAndCanChangeNothing() throws IOException {
        HttpResponse<String> created = server.send(HttpRequest.newBuilder(server.uri("/api/v1/tokens"))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"browser-viewer\",\"role\":\"viewer\"}")));
        assertEquals(created.body(), 201, created.statusCode());
        page.logIn(JSON.readTree(created.body()).path("token").asText());
        assertEquals("Signed in as browser-viewer (viewer)", page.text(By.id("who")));
        assertEquals("RUNNING", page.fleetCell(BOT, "state"));
        assertEquals("no lifecycle button for a viewer", List.of(), enabledVerbs());
        page.openBot(BOT);
        assertFalse(page.button("swap").isEnabled());
        assertFalse(page.button("rollback").isEnabled());
        assertFalse(page.button("flatten").isEnabled());
        page.go("#/fleet");
        page.awaitFleet();
        assertFalse(page.button("halt").isEnabled());
        page.openStrategies();
        assertEquals("Uploading needs an admin token.", page.text(By.cssSelector("#upload-form p")));
        assertFalse(page.button("upload").isEnabled());
        page.openBacktests();
        assertEquals("Starting a backtest needs an operator token.", page.text(By.cssSelector("#bt-form p")));
        assertFalse(page.button("bt-submit").isEnabled());
        browser.screenshot("10-viewer-read-only");
    }

    private static void uploadCandles(String key) throws IOException {
        byte[] csv;
        try (java.io.InputStream in = CandleFiles.open(CandleFiles.UNITTEST_BTC)) {
            csv = in.readAllBytes();
        }
        HttpResponse<String> put = server.send(HttpRequest.newBuilder(server.uri("/api/v1/candles/" + key))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(csv)));
        assertEquals(put.body(), 200, put.statusCode());
    }

    private static JsonNode report(JsonNode backtest, int n) {
        for (JsonNode run : backtest.path("runs")) {
            if (run.path("n").asInt() == n) {
                return run.path("report");
            }
        }
        throw new AssertionError("no run " + n + " in " + backtest);
    }

    private static String netPnl(JsonNode backtest, String n) {
        return report(backtest, Integer.parseInt(n)).path("netPnl").asText();
    }

    private static List<String> enabledVerbs() {
        return browser.driver().findElements(By.cssSelector("#fleet tr[data-bot='" + BOT + "'] button[data-verb]"))
                .stream().filter(WebElement::isEnabled).map(b -> b.getAttribute("data-verb")).collect(Collectors.toList());
    }

    private static Set<String> execIds() {
        return page.tableRows("fills").stream().filter(cells -> cells.size() == 6).map(cells -> cells.get(5))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static List<String> firstHistoryRowOfKind(String kind) {
        List<List<String>> rows = page.tableRows("history");
        return !rows.isEmpty() && rows.get(0).size() > 4 && rows.get(0).get(1).equals(kind) ? rows.get(0) : null;
    }

    private static JsonNode api(String path) throws IOException {
        HttpResponse<String> response = server.get(path, server.adminToken());
        assertEquals(response.body(), 200, response.statusCode());
        return JSON.readTree(response.body());
    }

    private static void awaitApi(String path, java.util.function.Predicate<JsonNode> condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = server.get(path, server.adminToken());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && condition.test(JSON.readTree(response.body()))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; last: " + last + "\n" + server.logTail(40));
    }
}
