package io.botfleet.itests.swap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.Deployment;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.market.Interval;
import io.botfleet.api.store.BotJournal;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.itests.BotfleetTestSupport;
import io.botfleet.itests.runtime.CandleData;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Live strategy swaps at bundle level in a real framework, with bundles deployed the way an
 * operator does (POST /api/v1/bundles): upgrade and rollback, rollback to a version that was
 * uninstalled (reinstalled from the artifact store), automatic rollback of a failing version,
 * uninstall → SUSPENDED → reinstall → RUNNING, refused jars leaving the framework unchanged,
 * 100 swaps under a full-speed replay without losing or repeating a candle or an order, and the
 * old version's class loader collected.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends BotfleetTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SMA = "io.botfleet.strategy.sma";
    private final HttpClient http = HttpClient.newHttpClient();
    private BotManager bots;
    private BotJournal journal;

    @Configuration
    public Option[] config() throws IOException {
        Path data = CandleData.locate();
        return options(baseOptions(),
                systemProperty(CandleData.PROPERTY).value(data.toString()),
                etcFile("io.botfleet.exchange.paper-walk.cfg", "synthetic.symbol=BTCUSDT\nsynthetic.interval=1m\n"
                        + "synthetic.seed=11\nsynthetic.startPrice=30000\nsynthetic.speed=3000\nbalance.USDT=100000000\n"),
                etcFile("io.botfleet.exchange.paper-file.cfg", "replay.file=" + data.resolve("UNITTEST_BTC-1m.csv")
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=0\nbalance.BTC=1000000\n"));
    }

    @Before
    public void services() throws InterruptedException {
        bots = awaitService(BotManager.class, null, WAIT);
        journal = awaitService(BotJournal.class, null, WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=walk)", WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=file)", WAIT);
        awaitHttp("/health/live", 200, WAIT);
    }

    // ------------------------------------------------------------------ HTTP for bundles

    private HttpResponse<String> postBundle(byte[] jar) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/api/v1/bundles"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Deploys; deploying the same jar again is accepted and changes nothing. */
    private void deploy(byte[] jar) throws Exception {
        HttpResponse<String> answer = postBundle(jar);
        assertTrue(answer.statusCode() + " " + answer.body(), answer.statusCode() == 201 || answer.statusCode() == 200);
    }

    private void uninstall(String symbolicName, String version) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort()
                        + "/api/v1/bundles/" + symbolicName + "/" + version + "?force=true"))
                .header("Authorization", "Bearer " + adminToken()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.body(), answer.statusCode() == 200 || answer.statusCode() == 204);
    }

    // ------------------------------------------------------------------ helpers

    private BotConfig smaBot(String id, String version, String account, String symbol) {
        return new BotConfig(id, new StrategySpec("sma-crossover", version, Map.of("fast", 3, "slow", 8)),
                new ExchangeRef("paper", account), symbol, Interval.M1, RiskLimits.ofOrderQty(new BigDecimal("0.01")), true);
    }

    private void awaitState(String id, BotState state) throws InterruptedException {
        await(id + " " + state, WAIT, () -> bots.get(id).state() == state, () -> bots.get(id).toString());
    }

    private void awaitVersion(String id, String version) throws InterruptedException {
        await(id + " on " + version, WAIT, () -> version.equals(bots.get(id).strategyVersion())
                && bots.get(id).state() == BotState.RUNNING, () -> bots.get(id).toString());
    }

    /** The SMA bundle the distribution ships (1.0.0), not a version a test deployed. */
    private Bundle shippedSma() {
        return Arrays.stream(context.getBundles())
                .filter(b -> SMA.equals(b.getSymbolicName()) && "1.0.0".equals(b.getVersion().toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no shipped " + SMA + " 1.0.0"));
    }

    private String bundleStates() {
        return Arrays.stream(context.getBundles()).map(b -> b.getSymbolicName() + ":" + b.getVersion() + ":" + b.getState())
                .sorted().collect(Collectors.joining(","));
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void upgradeThenRollback() throws Exception {
        deploy(TestBundles.reversioned(shippedSma(), "1.1.0"));
        bots.create(smaBot("swap-up", "1.0.0", "walk", "BTCUSDT"), "test");
        awaitVersion("swap-up", "1.0.0");
        assertEquals("1.1.0", bots.swapStrategy("swap-up", "1.1.0", false, "test").strategyVersion());
        long candles = bots.get("swap-up").counters().candles();
        await("candles after the swap", WAIT, () -> bots.get("swap-up").counters().candles() > candles,
                () -> bots.get("swap-up").toString());
        assertEquals("1.0.0", bots.rollbackStrategy("swap-up", "test").strategyVersion());
        List<Deployment> history = bots.strategyHistory("swap-up");
        assertEquals(Deployment.Kind.ROLLBACK, history.get(0).kind());
        assertEquals("1.0.0", history.get(0).toVersion());
        assertEquals(Deployment.Kind.UPGRADE, history.get(1).kind());
        assertEquals("1.1.0", history.get(1).toVersion());
        bots.stop("swap-up", "test");
    }

    @Test
    public void rollbackToAnUninstalledVersionReinstallsItFromTheArtifactStore() throws Exception {
        deploy(TestBundles.reversioned(shippedSma(), "1.3.0"));
        bots.create(smaBot("swap-gone", "1.0.0", "walk", "BTCUSDT"), "test");
        awaitVersion("swap-gone", "1.0.0");
        bots.swapStrategy("swap-gone", "1.3.0", false, "test");
        bots.swapStrategy("swap-gone", "1.0.0", false, "test");
        uninstall(SMA, "1.3.0");
        assertFalse(bundleStates().contains(SMA + ":1.3.0"));
        assertEquals("1.3.0", bots.rollbackStrategy("swap-gone", "test").strategyVersion());
        assertTrue(bundleStates().contains(SMA + ":1.3.0:32"));
        bots.stop("swap-gone", "test");
    }

    @Test
    public void aFailingVersionIsRolledBackAutomaticallyAndMarkedBad() throws Exception {
        deploy(TestBundles.strategyBundle(SMA, "2.0.0", FailingStrategy.class, "sma-crossover"));
        bots.create(smaBot("swap-bad", "1.0.0", "walk", "BTCUSDT"), "test");
        awaitVersion("swap-bad", "1.0.0");
        bots.swapStrategy("swap-bad", "2.0.0", false, "test");
        await("automatic rollback", WAIT, () -> bots.strategyHistory("swap-bad").get(0).kind()
                == Deployment.Kind.AUTO_ROLLBACK, () -> bots.strategyHistory("swap-bad").toString());
        awaitVersion("swap-bad", "1.0.0");
        assertEquals("system", bots.strategyHistory("swap-bad").get(0).actor());
        try {
            bots.swapStrategy("swap-bad", "2.0.0", false, "test");
            fail("a bad version needs force");
        } catch (BotConflictException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("marked bad"));
        }
        bots.stop("swap-bad", "test");
        uninstall(SMA, "2.0.0");
    }

    @Test
    public void uninstallSuspendsAndReinstallResumes() throws Exception {
        byte[] jar = TestBundles.reversioned(shippedSma(), "1.4.0");
        deploy(jar);
        bots.create(smaBot("swap-susp", "1.4.0", "walk", "BTCUSDT"), "test");
        awaitVersion("swap-susp", "1.4.0");
        uninstall(SMA, "1.4.0");
        awaitState("swap-susp", BotState.SUSPENDED);
        long candles = bots.get("swap-susp").counters().candles();
        deploy(jar);
        awaitVersion("swap-susp", "1.4.0");
        await("candles flow again", WAIT, () -> bots.get("swap-susp").counters().candles() > candles,
                () -> bots.get("swap-susp").toString());
        bots.stop("swap-susp", "test");
    }

    @Test
    public void aJarDroppedIntoTheDeployFolderIsDeployedAndARefusedOneSaysWhy() throws Exception {
        Path deploy = botfleetHome().resolve("deploy");
        Files.createDirectories(deploy);
        Files.write(deploy.resolve("sma-1.7.0.jar"), TestBundles.reversioned(shippedSma(), "1.7.0"));
        Files.write(deploy.resolve("empty.jar"), TestBundles.withoutStrategy());
        await("1.7.0 deployed from the folder", WAIT, () -> bundleStates().contains(SMA + ":1.7.0:32"), this::bundleStates);
        Path error = deploy.resolve("empty.jar.error");
        await("the refusal written beside the jar", WAIT, () -> Files.isRegularFile(error), error::toString);
        assertTrue(Files.readString(error).contains("provides no strategy"));
        assertFalse(bundleStates().contains("test.empty"));
        uninstall(SMA, "1.7.0");
    }

    @Test
    public void oneCallSwapsEveryBotOnAVersion() throws Exception {
        deploy(TestBundles.reversioned(shippedSma(), "1.9.0"));
        deploy(TestBundles.reversioned(shippedSma(), "1.9.1"));
        for (int i = 0; i < 3; i++) {
            bots.create(smaBot("fleet-" + i, "1.9.0", "walk", "BTCUSDT"), "test");
        }
        for (int i = 0; i < 3; i++) {
            awaitVersion("fleet-" + i, "1.9.0");
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort()
                        + "/api/v1/strategies/sma-crossover/swap"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"1.9.0\",\"version\":\"1.9.1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(answer.body(), 200, answer.statusCode());
        assertEquals(answer.body(), 3, answer.body().split("\"outcome\":\"OK\"", -1).length - 1);
        for (int i = 0; i < 3; i++) {
            assertEquals("1.9.1", bots.get("fleet-" + i).strategyVersion());
            bots.stop("fleet-" + i, "test");
        }
    }

    @Test
    public void refusedJarsLeaveTheFrameworkUnchanged() throws Exception {
        String before = bundleStates();
        assertRefused(new byte[] {1, 2, 3}, "not a");
        assertRefused(TestBundles.withoutStrategy(), "provides no strategy");
        assertRefused(TestBundles.unresolvable(), "com.nowhere.missing");
        assertRefused(TestBundles.importingServerLibrary(), "imports com.fasterxml.jackson.databind (from com.fasterxml.jackson.core.jackson-databind");
        assertRefused(TestBundles.importingDynamically(), "DynamicImport-Package is not allowed");
        byte[] first = TestBundles.reversioned(shippedSma(), "1.6.0");
        deploy(first);
        byte[] other = TestBundles.strategyBundle(SMA, "1.6.0", RecordingStrategy.class, "sma-crossover");
        assertRefused(other, "other content");
        uninstall(SMA, "1.6.0");
        assertEquals(before, bundleStates());
    }

    private void assertRefused(byte[] jar, String reason) throws Exception {
        HttpResponse<String> answer = postBundle(jar);
        assertEquals(answer.body(), 422, answer.statusCode());
        assertTrue(answer.body(), answer.body().contains(reason));
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    public void hundredSwapsUnderAFullSpeedReplayLoseAndRepeatNothing() throws Exception {
        deploy(TestBundles.strategyBundle("io.botfleet.itests.recording", "1.0.0", RecordingStrategy.class, "recording"));
        deploy(TestBundles.strategyBundle("io.botfleet.itests.recording", "1.1.0", RecordingStrategy.class, "recording"));
        int rows = CandleData.rows("UNITTEST_BTC-1m.csv").size();
        bots.create(new BotConfig("swap-100", new StrategySpec("recording", "1.0.0", Map.of()),
                new ExchangeRef("paper", "file"), "UNITTESTBTC", Interval.M1, RiskLimits.ofOrderQty(BigDecimal.ONE), true), "test");
        awaitState("swap-100", BotState.RUNNING);
        int swaps = 0;
        while (swaps < 100) {
            bots.swapStrategy("swap-100", swaps % 2 == 0 ? "1.1.0" : "1.0.0", false, "test");
            swaps++;
        }
        await("the whole file", Duration.ofMinutes(2), () -> bots.get("swap-100").counters().candles() == rows,
                () -> bots.get("swap-100").toString());
        long swapsRecorded = bots.strategyHistory("swap-100").stream()
                .filter(d -> d.kind() == Deployment.Kind.UPGRADE && Deployment.OK.equals(d.outcome())).count();
        assertEquals(100, swapsRecorded);
        bots.stop("swap-100", "test");
        awaitState("swap-100", BotState.STOPPED);

        StrategyCheckpoint checkpoint = journal.lastCheckpoint("swap-100").orElseThrow();
        assertEquals("the strategy saw every candle once", (long) rows, ((Number) checkpoint.snapshot().get("count")).longValue());
        assertEquals("in order, none repeated", 0L, ((Number) checkpoint.snapshot().get("disorder")).longValue());
        assertEquals(rows, bots.get("swap-100").counters().candles());

        List<BotOrder> orders = journal.orders("swap-100", false, 100_000);
        Set<String> ids = new HashSet<>();
        for (BotOrder order : orders) {
            assertTrue("client order ids are unique", ids.add(order.clientOrderId()));
            assertEquals(order.toString(), OrderStatus.FILLED, order.status());
        }
        assertEquals(entriesAndExits(rows), orders.size());
        assertEquals(orders.size(), bots.get("swap-100").counters().fills());
    }

    /** The rhythm of RecordingStrategy: an entry every 100th candle, its exit 50 candles later. */
    private static long entriesAndExits(long candles) {
        long entries = candles / 100;
        long exits = candles % 100 >= 50 ? entries : Math.max(0, entries - 1);
        return entries + exits;
    }

    @Test
    public void theOldVersionsClassLoaderIsCollectedAfterTheSwapAndUninstall() throws Exception {
        deploy(TestBundles.strategyBundle("io.botfleet.itests.recording", "1.0.0", RecordingStrategy.class, "recording"));
        deploy(TestBundles.strategyBundle("io.botfleet.itests.recording", "1.2.0", RecordingStrategy.class, "recording"));
        bots.create(new BotConfig("swap-gc", new StrategySpec("recording", "1.0.0", Map.of()),
                new ExchangeRef("paper", "walk"), "BTCUSDT", Interval.M1, RiskLimits.ofOrderQty(new BigDecimal("0.01")), true), "test");
        awaitState("swap-gc", BotState.RUNNING);
        WeakReference<ClassLoader> oldLoader = loaderOf("io.botfleet.itests.recording", "1.2.0");
        bots.swapStrategy("swap-gc", "1.2.0", false, "test");
        long candles = bots.get("swap-gc").counters().candles();
        await("the new version works", WAIT, () -> bots.get("swap-gc").counters().candles() > candles + 2,
                () -> bots.get("swap-gc").toString());
        bots.swapStrategy("swap-gc", "1.0.0", false, "test");
        uninstall("io.botfleet.itests.recording", "1.2.0");
        for (int i = 0; i < 50 && oldLoader.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull("the 1.2.0 class loader is collectable", oldLoader.get());
        bots.stop("swap-gc", "test");
    }

    private WeakReference<ClassLoader> loaderOf(String symbolicName, String version) throws ClassNotFoundException {
        Bundle bundle = Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()) && version.equals(b.getVersion().toString()))
                .findFirst().orElseThrow();
        return new WeakReference<>(bundle.loadClass(RecordingStrategy.class.getName()).getClassLoader());
    }
}
