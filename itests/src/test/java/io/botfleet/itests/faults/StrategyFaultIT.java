package io.botfleet.itests.faults;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.Deployment;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.market.Interval;
import io.botfleet.itests.BotfleetTestSupport;
import io.botfleet.itests.runtime.CandleData;
import io.botfleet.itests.swap.FailingStrategy;
import io.botfleet.itests.swap.TestBundles;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Strategies that misbehave in a real framework: one loops forever, one allocates without bound,
 * one throws on every candle. Each shares one full-speed replay with a healthy SMA bot. Each faulty
 * bot fails with its own reason, the watchdog restarts it and finally gives up, and the healthy bot
 * still processes every candle of the file: a faulty strategy costs its own bot, nothing else.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StrategyFaultIT extends BotfleetTestSupport {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String FILE = "UNITTEST_BTC-1m.csv";
    private static final int MAX_RESTARTS = 2;

    @Configuration
    public Option[] config() throws IOException {
        Path data = CandleData.locate();
        return options(baseOptions(),
                systemProperty(CandleData.PROPERTY).value(data.toString()),
                withoutEtcFile("bots/demo-sma.json"),
                // The two limits must not race: a hoarder reaches 32 MiB within milliseconds of CPU,
                // but a 2-core machine under load can starve it of CPU (and stop it for GC) for
                // hundreds of ms, when a short time limit would abandon it for its time instead.
                etcFile("io.botfleet.runtime.cfg", "strategyCallTimeoutMillis=2000\nstrategyCallMaxAllocationMb=32\n"
                        + "maxRestarts=" + MAX_RESTARTS + "\nrestartBackoffMillis=200\n"),
                etcFile("io.botfleet.exchange.paper-walk.cfg", "synthetic.symbol=BTCUSDT\nsynthetic.interval=1m\n"
                        + "synthetic.seed=5\nsynthetic.startPrice=30000\nsynthetic.speed=3000\nbalance.USDT=100000000\n"),
                etcFile("io.botfleet.exchange.paper-file.cfg", "replay.file=" + data.resolve(FILE)
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=60000\nbalance.BTC=1000000\n"));
    }

    @Test
    public void faultyStrategiesFailTheirOwnBotsAndNothingElse() throws Exception {
        BotManager bots = awaitService(BotManager.class, null, WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=file)", WAIT);
        awaitHttp("/health/live", 200, WAIT);
        deploy(TestBundles.strategyBundle("test.spinning", "1.0.0", SpinningStrategy.class, "spinning"));
        deploy(TestBundles.strategyBundle("test.hoarding", "1.0.0", HoardingStrategy.class, "hoarding"));
        deploy(TestBundles.strategyBundle("test.failing", "1.0.0", FailingStrategy.class, "failing"));

        // The healthy bot opens the replay (so it sees every candle); the faulty ones join it live.
        bots.create(bot("healthy", "sma-crossover", Map.of("fast", 10, "slow", 30)), "test");
        await("the replay started", WAIT, () -> bots.get("healthy").counters().candles() > 0,
                () -> bots.get("healthy").toString());
        bots.create(bot("spinner", "spinning", Map.of()), "test");
        bots.create(bot("hoarder", "hoarding", Map.of()), "test");
        bots.create(bot("thrower", "failing", Map.of()), "test");
        int candles = CandleData.rows(FILE).size();

        await("the healthy bot processed the whole file", WAIT,
                () -> bots.get("healthy").counters().candles() == candles, () -> bots.list().toString());
        assertEquals(BotState.RUNNING, bots.get("healthy").state());
        assertTrue(bots.get("healthy").counters().fills() > 0);

        expectGaveUp(bots, "spinner", "ran longer than 2000 ms in onCandle");
        expectGaveUp(bots, "hoarder", "allocated more than 32 MiB in one call");
        expectGaveUp(bots, "thrower", "events in a row");

        // The pool kept its capacity: a new bot on the same replay's history starts and runs.
        bots.create(bot("late", "sma-crossover", Map.of("fast", 10, "slow", 30)), "test");
        await("a bot started after the faults runs", WAIT, () -> bots.get("late").state() == BotState.RUNNING,
                () -> bots.get("late").toString());
        assertEquals(200, httpGet("/health/live").status());
        String metrics = httpGet("/metrics").body();
        long abandoned = metrics.lines().filter(l -> l.startsWith("botfleet_strategy_calls_abandoned_total "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(metrics));
        assertTrue("spinner and hoarder, each started " + (MAX_RESTARTS + 1) + " times: " + abandoned,
                abandoned >= 2L * (MAX_RESTARTS + 1));
    }

    @Test
    public void aVersionThatHangsRightAfterItsSwapIsRolledBackAndMarkedBad() throws Exception {
        BotManager bots = awaitService(BotManager.class, null, WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=walk)", WAIT);
        awaitHttp("/health/live", 200, WAIT);
        deploy(TestBundles.strategyBundle("test.hanging-release", "9.0.0", HangingRelease.class, "sma-crossover"));
        bots.create(new BotConfig("upgraded", new StrategySpec("sma-crossover", "1.0.0", Map.of("fast", 3, "slow", 8)),
                new ExchangeRef("paper", "walk"), "BTCUSDT", Interval.M1, RiskLimits.ofOrderQty(new BigDecimal("0.01")),
                true), "test");
        await("upgraded runs 1.0.0", WAIT, () -> bots.get("upgraded").state() == BotState.RUNNING,
                () -> bots.get("upgraded").toString());

        bots.swapStrategy("upgraded", "9.0.0", false, "test");
        await("automatic rollback", WAIT, () -> bots.strategyHistory("upgraded").get(0).kind()
                == Deployment.Kind.AUTO_ROLLBACK, () -> bots.strategyHistory("upgraded").toString());
        await("upgraded back on 1.0.0 and RUNNING", WAIT, () -> bots.get("upgraded").state() == BotState.RUNNING
                && "1.0.0".equals(bots.get("upgraded").strategyVersion()), () -> bots.get("upgraded").toString());
        long before = bots.get("upgraded").counters().candles();
        await("upgraded processes candles again", WAIT, () -> bots.get("upgraded").counters().candles() > before + 5,
                () -> bots.get("upgraded").toString());
        assertTrue(events(bots, "upgraded").toString(), events(bots, "upgraded").stream().anyMatch(e ->
                e.message().contains("ran longer than 2000 ms in onCandle")));
        try {
            bots.swapStrategy("upgraded", "9.0.0", false, "test");
            org.junit.Assert.fail("a version marked bad needs force");
        } catch (io.botfleet.api.bot.BotConflictException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("marked bad"));
        }
        bots.stop("upgraded", "test");
    }

    /** FAILED for {@code reason}, restarted {@link #MAX_RESTARTS} times by the watchdog, then left FAILED. */
    private void expectGaveUp(BotManager bots, String id, String reason) throws InterruptedException {
        await(id + ": the watchdog gave up", WAIT, () -> events(bots, id).stream()
                .anyMatch(e -> e.message().startsWith("watchdog gave up")), () -> events(bots, id).toString());
        BotStatus status = bots.get(id);
        assertEquals(status.toString(), BotState.FAILED, status.state());
        assertTrue(status.toString(), status.lastError() != null && status.lastError().contains(reason));
        long failures = events(bots, id).stream()
                .filter(e -> e.type() == BotEvent.Type.ERROR && e.message().startsWith("FAILED: ") && e.message().contains(reason))
                .count();
        long restarts = events(bots, id).stream().filter(e -> e.message().equals("watchdog restarts the bot")).count();
        assertEquals(events(bots, id).toString(), MAX_RESTARTS, restarts);
        assertEquals(events(bots, id).toString(), MAX_RESTARTS + 1, failures);
    }

    private static List<BotEvent> events(BotManager bots, String id) {
        return bots.events(id, 1000);
    }

    private static BotConfig bot(String id, String strategy, Map<String, Object> params) {
        return new BotConfig(id, new StrategySpec(strategy, "1.0.0", params), new ExchangeRef("paper", "file"),
                "UNITTESTBTC", Interval.M1, RiskLimits.ofOrderQty(new BigDecimal("0.01")), true);
    }

    private void deploy(byte[] jar) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort() + "/api/v1/bundles"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() + " " + answer.body(), answer.statusCode() == 201);
    }
}
