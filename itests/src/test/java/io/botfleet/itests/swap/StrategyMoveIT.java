package io.botfleet.itests.swap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.Deployment;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.market.Interval;
import io.botfleet.api.store.BotJournal;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.itests.BotfleetTestSupport;
import io.botfleet.itests.runtime.CandleData;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Moving a bot to another strategy id and back, in a real framework: the new strategy is warmed
 * up from the bot's recent candles without trading, the position, orders and counters stay, the
 * stored configuration follows, a rollback restores the old strategy's own checkpoint, a restart
 * keeps what the bot was moved to, and moves under a full-speed replay lose and repeat no candle,
 * also when a rollback reaches further back than the feed's window of recent candles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StrategyMoveIT extends BotfleetTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, Object> SMA_PARAMS = Map.of("fast", 3, "slow", 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private BotManager bots;
    private BotJournal journal;

    @Configuration
    public Option[] config() throws IOException {
        Path data = CandleData.locate();
        String file = data.resolve("UNITTEST_BTC-1m.csv").toString();
        return options(baseOptions(),
                systemProperty(CandleData.PROPERTY).value(data.toString()),
                etcFile("io.botfleet.exchange.paper-ended.cfg", "replay.file=" + file
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=0\nbalance.USDT=100000000\nbalance.BTC=1000000\n"),
                etcFile("io.botfleet.exchange.paper-flowing.cfg", "replay.file=" + file
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=30000\nbalance.USDT=100000000\nbalance.BTC=1000000\n"),
                etcFile("io.botfleet.exchange.paper-far.cfg", "replay.file=" + file
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=30000\nbalance.USDT=100000000\nbalance.BTC=1000000\n"));
    }

    @Before
    public void services() throws InterruptedException {
        bots = awaitService(BotManager.class, null, WAIT);
        journal = awaitService(BotJournal.class, null, WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=ended)", WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=flowing)", WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=far)", WAIT);
        awaitHttp("/health/live", 200, WAIT);
    }

    private void awaitState(String id, BotState state) throws InterruptedException {
        await(id + " " + state, WAIT, () -> bots.get(id).state() == state, () -> bots.get(id).toString());
    }

    private void deploy(byte[] jar) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort() + "/api/v1/bundles"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() + " " + answer.body(), answer.statusCode() == 201 || answer.statusCode() == 200);
    }

    @Test
    public void aMoveWarmsUpKeepsThePositionAndARollbackRestoresTheOldCheckpoint() throws Exception {
        int rows = CandleData.rows("UNITTEST_BTC-1m.csv").size();
        StrategySpec sma = new StrategySpec("sma-crossover", "1.0.0", SMA_PARAMS);
        bots.create(new BotConfig("moved", sma, new ExchangeRef("paper", "ended"), "UNITTESTBTC", Interval.M1,
                RiskLimits.ofOrderQty(new BigDecimal("0.01")), true), "test");
        // the replay ends: no candle comes any more, so what the move changes is all that changes
        await("the whole file", Duration.ofMinutes(2), () -> bots.get("moved").counters().candles() == rows,
                () -> bots.get("moved").toString());
        BotStatus before = bots.get("moved");
        int openBefore = journal.orders("moved", true, 1000).size();

        StrategySpec rsi = new StrategySpec("rsi-reversion", "1.0.0", Map.of("period", 5));
        BotStatus moved = bots.moveStrategy("moved", rsi, false, "test");
        assertEquals("rsi-reversion", moved.strategyId());
        assertEquals("1.0.0", moved.strategyVersion());
        assertEquals(BotState.RUNNING, moved.state());
        assertEquals("the position stays", before.position(), moved.position());
        assertEquals("no candle, signal or order is counted by the warm-up", before.counters(), moved.counters());
        assertEquals(openBefore, journal.orders("moved", true, 1000).size());
        assertEquals("the stored configuration follows", rsi, bots.config("moved").strategy());

        StrategyCheckpoint rsiCheckpoint = journal.lastCheckpoint("moved").orElseThrow();
        assertEquals("rsi-reversion", rsiCheckpoint.strategyId());
        assertEquals("warmed up: a full window of period + 1 closes", 6,
                ((List<?>) rsiCheckpoint.snapshot().get("closes")).size());
        StrategyCheckpoint smaAtMove = journal.lastCheckpoint("moved", "sma-crossover").orElseThrow();
        assertEquals("the old strategy's checkpoint is written at the move", before.lastCandleTime(),
                smaAtMove.lastCandleTime());

        Deployment move = bots.strategyHistory("moved").get(0);
        assertEquals(Deployment.Kind.MOVE, move.kind());
        assertEquals(Deployment.OK, move.outcome());
        assertEquals("sma-crossover", move.fromStrategyId());
        assertEquals("rsi-reversion", move.toStrategyId());
        assertEquals("1.0.0", move.fromVersion());
        assertEquals(SMA_PARAMS, numbersAsInts(move.fromParams()));
        assertEquals(Map.of("period", 5), numbersAsInts(move.toParams()));
        assertTrue(move.detail(), move.detail().contains("fresh, warmed up with 7 candle(s)"));

        BotStatus back = bots.rollbackStrategy("moved", "test");
        assertEquals("sma-crossover", back.strategyId());
        assertEquals("1.0.0", back.strategyVersion());
        assertEquals(before.position(), back.position());
        assertEquals(sma.id(), bots.config("moved").strategy().id());
        assertEquals(SMA_PARAMS, numbersAsInts(bots.config("moved").strategy().params()));
        StrategyCheckpoint restored = journal.lastCheckpoint("moved").orElseThrow();
        assertEquals("sma-crossover", restored.strategyId());
        assertEquals("its own checkpoint restored (no candle since)", smaAtMove.snapshot(), restored.snapshot());
        Deployment rollback = bots.strategyHistory("moved").get(0);
        assertEquals(Deployment.Kind.ROLLBACK, rollback.kind());
        assertEquals("rsi-reversion", rollback.fromStrategyId());
        assertEquals("sma-crossover", rollback.toStrategyId());
        assertTrue(rollback.detail(), rollback.detail().contains("checkpoint of " + smaAtMove.lastCandleTime() + " restored"));

        bots.moveStrategy("moved", rsi, false, "test");
        bots.stop("moved", "test");
        awaitState("moved", BotState.STOPPED);
        bots.start("moved", "test");
        awaitState("moved", BotState.RUNNING);
        assertEquals("a restart keeps the strategy moved to", "rsi-reversion", bots.get("moved").strategyId());
        assertEquals(before.position(), bots.get("moved").position());
        bots.stop("moved", "test");
    }

    @Test
    public void refusedMovesSayWhyAndChangeNothing() throws Exception {
        StrategySpec sma = new StrategySpec("sma-crossover", "1.0.0", SMA_PARAMS);
        bots.create(new BotConfig("refused", sma, new ExchangeRef("paper", "ended"), "UNITTESTBTC", Interval.M1,
                RiskLimits.ofOrderQty(new BigDecimal("0.01")), true), "test");
        awaitState("refused", BotState.RUNNING);
        try {
            bots.moveStrategy("refused", new StrategySpec("rsi-reversion", "1.0.0", Map.of("period", 1)), false, "t");
            fail("period 1 is refused by the strategy");
        } catch (InvalidBotConfigException e) {
            assertEquals("strategy.params.period", e.field());
        }
        try {
            bots.moveStrategy("refused", new StrategySpec("no-such-strategy", "1.0.0", null), false, "t");
            fail("unknown strategy");
        } catch (BotNotFoundException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no-such-strategy"));
        }
        try {
            bots.moveStrategy("refused", new StrategySpec("sma-crossover", "1.0.0", null), false, "t");
            fail("the same strategy is a swap, not a move");
        } catch (BotConflictException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("already runs sma-crossover"));
        }
        assertEquals(sma, bots.config("refused").strategy());
        assertEquals("sma-crossover", bots.get("refused").strategyId());
        bots.stop("refused", "test");
    }

    @Test
    public void movesAndRollbacksUnderAReplayLoseAndRepeatNoCandle() throws Exception {
        deploy(TestBundles.strategyBundle("io.botfleet.itests.recording", "1.0.0", RecordingStrategy.class, "recording"));
        deploy(TestBundles.strategyBundle("io.botfleet.itests.recordingb", "1.0.0", RecordingStrategy.class,
                "recording-b"));
        int rows = CandleData.rows("UNITTEST_BTC-1m.csv").size();
        bots.create(new BotConfig("move-10", new StrategySpec("recording", "1.0.0", Map.of()),
                new ExchangeRef("paper", "flowing"), "UNITTESTBTC", Interval.M1, RiskLimits.ofOrderQty(BigDecimal.ONE),
                true), "test");
        awaitState("move-10", BotState.RUNNING);
        for (int i = 0; i < 10; i++) {
            bots.moveStrategy("move-10", new StrategySpec("recording-b", "1.0.0", Map.of()), false, "test");
            Thread.sleep(30);
            assertEquals("recording", bots.rollbackStrategy("move-10", "test").strategyId());
            Thread.sleep(30);
        }
        await("the whole file", Duration.ofMinutes(2), () -> bots.get("move-10").counters().candles() == rows,
                () -> bots.get("move-10").toString());
        bots.stop("move-10", "test");
        awaitState("move-10", BotState.STOPPED);
        StrategyCheckpoint checkpoint = journal.lastCheckpoint("move-10").orElseThrow();
        assertEquals("recording", checkpoint.strategyId());
        assertEquals("restored and caught up at every rollback, it saw every candle once", (long) rows,
                ((Number) checkpoint.snapshot().get("count")).longValue());
        assertEquals("in order, none repeated", 0L, ((Number) checkpoint.snapshot().get("disorder")).longValue());
        long moves = bots.strategyHistory("move-10").stream()
                .filter(d -> d.kind() == Deployment.Kind.MOVE && Deployment.OK.equals(d.outcome())).count();
        assertEquals(10, moves);
        assertNotNull(journal.lastCheckpoint("move-10", "recording-b").orElse(null));
    }

    @Test
    public void aRollbackFurtherBackThanTheRecentCandlesCatchesUpFromTheExchange() throws Exception {
        deploy(TestBundles.strategyBundle("io.botfleet.itests.recording", "1.0.0", RecordingStrategy.class, "recording"));
        deploy(TestBundles.strategyBundle("io.botfleet.itests.recordingb", "1.0.0", RecordingStrategy.class,
                "recording-b"));
        int rows = CandleData.rows("UNITTEST_BTC-1m.csv").size();
        bots.create(new BotConfig("move-far", new StrategySpec("recording", "1.0.0", Map.of()),
                new ExchangeRef("paper", "far"), "UNITTESTBTC", Interval.M1, RiskLimits.ofOrderQty(BigDecimal.ONE),
                true), "test");
        await("move-far trading", WAIT, () -> bots.get("move-far").counters().candles() >= 100,
                () -> bots.get("move-far").toString());
        long atMove = bots.moveStrategy("move-far", new StrategySpec("recording-b", "1.0.0", Map.of()), false, "test")
                .counters().candles();
        // more candles than the feed's window of recent candles (1,000) pass on the other strategy
        await("1,500 candles on recording-b", Duration.ofMinutes(2),
                () -> bots.get("move-far").counters().candles() >= atMove + 1_500, () -> bots.get("move-far").toString());
        assertEquals("recording", bots.rollbackStrategy("move-far", "test").strategyId());
        Deployment rollback = bots.strategyHistory("move-far").get(0);
        assertTrue(rollback.detail(), rollback.detail().matches("its checkpoint of \\S+ restored, warmed up with \\d{4,} candle\\(s\\), no orders"));
        await("the whole file", Duration.ofMinutes(2), () -> bots.get("move-far").counters().candles() == rows,
                () -> bots.get("move-far").toString());
        bots.stop("move-far", "test");
        awaitState("move-far", BotState.STOPPED);
        StrategyCheckpoint checkpoint = journal.lastCheckpoint("move-far").orElseThrow();
        assertEquals("recording", checkpoint.strategyId());
        assertEquals("caught up from the exchange's history, it saw every candle once", (long) rows,
                ((Number) checkpoint.snapshot().get("count")).longValue());
        assertEquals(0L, ((Number) checkpoint.snapshot().get("disorder")).longValue());
    }

    /** Parameters as stored come back as the JSON numbers they were; compared here as ints. */
    private static Map<String, Object> numbersAsInts(Map<String, Object> params) {
        Map<String, Object> ints = new LinkedHashMap<>();
        params.forEach((k, v) -> ints.put(k, v instanceof Number n ? (Object) n.intValue() : v));
        return ints;
    }
}
