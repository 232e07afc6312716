package io.botfleet.itests.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Interval;
import io.botfleet.itests.BotfleetTestSupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Bot lifecycle in a real framework: every transition, legal and refused (with the reason),
 * invalid configurations refused naming the field, SUSPENDED while the strategy bundle is away and
 * back to RUNNING by itself, PAUSED placing no entries, risk refusals recorded with reasons, and
 * order quantities rounded to the instrument's step.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BotLifecycleIT extends BotfleetTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private BotManager bots;

    @Configuration
    public Option[] config() throws IOException {
        Path data = CandleData.locate();
        return options(baseOptions(),
                systemProperty(CandleData.PROPERTY).value(data.toString()),
                // a live-like market: a synthetic walk, fast enough that the SMA crosses often
                etcFile("io.botfleet.exchange.paper-walk.cfg", "synthetic.symbol=BTCUSDT\nsynthetic.interval=1m\n"
                        + "synthetic.seed=7\nsynthetic.startPrice=30000\nsynthetic.speed=6000\nbalance.USDT=100000000\n"
                        + "instrument.BTCUSDT.tickSize=0.1\ninstrument.BTCUSDT.qtyStep=0.1\n"
                        + "instrument.BTCUSDT.minQty=0.1\ninstrument.BTCUSDT.minNotional=5\n"),
                // a backtest: the real file as fast as the bots consume
                etcFile("io.botfleet.exchange.paper-file.cfg", "replay.file=" + data.resolve("UNITTEST_BTC-1m.csv")
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=0\nbalance.BTC=1000000\n"));
    }

    @Before
    public void services() throws InterruptedException {
        bots = awaitService(BotManager.class, null, WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=walk)", WAIT);
        awaitService(ExchangeAdapter.class, "(exchange.account=file)", WAIT);
    }

    private static BotConfig bot(String id, String account, String symbol, RiskLimits risk, boolean autoStart) {
        return new BotConfig(id, new StrategySpec("sma-crossover", "1.0.0", Map.of("fast", 3, "slow", 8)),
                new ExchangeRef("paper", account), symbol, Interval.M1, risk, autoStart);
    }

    private static RiskLimits qty(String q) {
        return RiskLimits.ofOrderQty(new BigDecimal(q));
    }

    private void awaitState(String id, BotState state) throws InterruptedException {
        await(id + " " + state, WAIT, () -> bots.get(id).state() == state, () -> bots.get(id).toString());
    }

    private static String conflict(Runnable call) {
        try {
            call.run();
            fail("expected a refusal");
            return null;
        } catch (BotConflictException e) {
            return e.getMessage();
        }
    }

    private static String invalidField(Runnable call) {
        try {
            call.run();
            fail("expected an invalid configuration");
            return null;
        } catch (InvalidBotConfigException e) {
            return e.field();
        }
    }

    @Test
    public void everyTransitionLegalAndRefused() throws InterruptedException {
        String id = "life-1";
        assertEquals(BotState.CREATED, bots.create(bot(id, "walk", "BTCUSDT", qty("0.1"), false), "test").state());
        assertEquals("bot life-1 is CREATED; pause needs STARTING or RUNNING", conflict(() -> bots.pause(id, "test")));
        assertEquals("bot life-1 is CREATED; resume needs PAUSED", conflict(() -> bots.resume(id, "test")));
        assertTrue(conflict(() -> bots.stop(id, "test")).startsWith("bot life-1 is CREATED; stop needs"));

        bots.start(id, "test");
        awaitState(id, BotState.RUNNING);
        assertTrue(conflict(() -> bots.start(id, "test")).startsWith("bot life-1 is RUNNING; start needs"));
        assertTrue(conflict(() -> bots.delete(id, "test")).startsWith("bot life-1 is RUNNING; delete needs"));
        assertEquals("bot life-1 is RUNNING; resume needs PAUSED", conflict(() -> bots.resume(id, "test")));

        assertEquals(BotState.PAUSED, bots.pause(id, "test").state());
        assertEquals("bot life-1 is PAUSED; pause needs STARTING or RUNNING", conflict(() -> bots.pause(id, "test")));
        assertEquals(BotState.RUNNING, bots.resume(id, "test").state());

        bots.stop(id, "test");
        awaitState(id, BotState.STOPPED);
        assertEquals("bot life-1 is STOPPED; resume needs PAUSED", conflict(() -> bots.resume(id, "test")));
        long candles = bots.get(id).counters().candles();
        assertTrue("it processed candles while running", candles > 0);

        bots.start(id, "test");
        awaitState(id, BotState.RUNNING);
        await("counters survive a stop and start", WAIT, () -> bots.get(id).counters().candles() > candles,
                () -> bots.get(id).toString());
        bots.stop(id, "test");
        awaitState(id, BotState.STOPPED);
        bots.delete(id, "test");
        try {
            bots.get(id);
            fail("deleted");
        } catch (BotNotFoundException expected) {
        }
    }

    @Test
    public void ordersPlacedOutsideBotfleetAreReportedAtStartAndLeftAlone() throws Exception {
        ExchangeAdapter walk = awaitService(ExchangeAdapter.class, "(exchange.account=walk)", WAIT);
        // A person's resting order, far below the market so it stays open.
        walk.place(new OrderRequest("by-hand-1", "BTCUSDT", OrderSide.BUY,
                OrderType.LIMIT, new BigDecimal("0.1"), new BigDecimal("100.0"), false))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        bots.create(bot("stranger-watch", "walk", "BTCUSDT", qty("0.1"), true), "test");
        awaitState("stranger-watch", BotState.RUNNING);
        List<BotEvent> events = bots.events("stranger-watch", 100);
        assertTrue(events.toString(), events.stream().anyMatch(e -> e.message().equals(
                "open order by-hand-1 (BUY 0.1 BTCUSDT @ 100.0) was not placed by Botfleet; left untouched")));
        ExchangeOrder still = walk.findByClientOrderId("BTCUSDT", "by-hand-1")
                .toCompletableFuture().get(30, TimeUnit.SECONDS).orElseThrow();
        assertEquals(OrderStatus.NEW, still.status());
        bots.stop("stranger-watch", "test");
        awaitState("stranger-watch", BotState.STOPPED);
    }

    @Test
    public void invalidConfigurationsAreRefusedNamingTheField() {
        assertEquals("strategy.id", invalidField(() -> bots.create(new BotConfig("bad-1",
                new StrategySpec("no-such", null, Map.of()), new ExchangeRef("paper", "walk"), "BTCUSDT",
                Interval.M1, qty("1"), false), "test")));
        assertEquals("strategy.version", invalidField(() -> bots.create(new BotConfig("bad-2",
                new StrategySpec("sma-crossover", "9.9.9", Map.of("fast", 3, "slow", 8)),
                new ExchangeRef("paper", "walk"), "BTCUSDT", Interval.M1, qty("1"), false), "test")));
        String paramField = invalidField(() -> bots.create(new BotConfig("bad-3",
                new StrategySpec("sma-crossover", "1.0.0", Map.of("fast", 30, "slow", 8)),
                new ExchangeRef("paper", "walk"), "BTCUSDT", Interval.M1, qty("1"), false), "test"));
        assertTrue(paramField, paramField.startsWith("strategy.params."));
        assertEquals("exchange.account", invalidField(() -> bots.create(bot("bad-4", "nowhere", "BTCUSDT", qty("1"), false), "test")));
        assertEquals("exchange.id", invalidField(() -> bots.create(new BotConfig("bad-5",
                new StrategySpec("sma-crossover", "1.0.0", Map.of("fast", 3, "slow", 8)),
                new ExchangeRef("kraken", "walk"), "BTCUSDT", Interval.M1, qty("1"), false), "test")));
        bots.create(bot("dup-1", "walk", "BTCUSDT", qty("0.1"), false), "test");
        assertEquals("bot dup-1 already exists", conflict(() -> bots.create(bot("dup-1", "walk", "BTCUSDT", qty("0.1"), false), "test")));
        assertFalse(bots.list().stream().anyMatch(s -> s.id().startsWith("bad-")));
    }

    @Test
    public void suspendedWhileTheStrategyIsAwayAndBackByItself() throws Exception {
        String id = "susp-1";
        bots.create(bot(id, "walk", "BTCUSDT", qty("0.1"), true), "test");
        awaitState(id, BotState.RUNNING);
        Bundle sma = installedBundle("io.botfleet.strategy.sma");
        sma.stop();
        try {
            awaitState(id, BotState.SUSPENDED);
            assertTrue(bots.get(id).lastError(), bots.get(id).lastError().contains("sma-crossover"));
        } finally {
            sma.start();
        }
        awaitState(id, BotState.RUNNING);
        long candles = bots.get(id).counters().candles();
        await("candles flow again", WAIT, () -> bots.get(id).counters().candles() > candles, () -> bots.get(id).toString());
        bots.stop(id, "test");
    }

    @Test
    public void pausedBotPlacesNoEntriesAndSaysWhy() throws InterruptedException {
        String id = "paused-1";
        bots.create(bot(id, "file", "UNITTESTBTC", qty("1"), false), "test");
        bots.start(id, "test");
        bots.pause(id, "test"); // accepted while STARTING: it goes live PAUSED
        await("the whole file processed", Duration.ofMinutes(2),
                () -> bots.get(id).counters().candles() == CandleData.rows("UNITTEST_BTC-1m.csv").size(),
                () -> bots.get(id).toString());
        assertEquals(BotState.PAUSED, bots.get(id).state());
        assertEquals(0, bots.get(id).counters().orders());
        assertTrue(bots.get(id).counters().signals() > 0);
        assertTrue(bots.orders(id, false, 1000).isEmpty());
        assertTrue(bots.events(id, 1000).stream().anyMatch(e ->
                e.type() == BotEvent.Type.RISK && e.message().contains("ENTER_LONG refused: bot is PAUSED")));
    }

    @Test
    public void riskRefusalsAreRecordedAndQuantitiesRoundedToTheStep() throws InterruptedException {
        String refused = "risk-1";
        bots.create(bot(refused, "walk", "BTCUSDT", new RiskLimits(new BigDecimal("0.1"), null, new BigDecimal("10"),
                null, null, null), true), "test");
        await("a refusal", WAIT, () -> bots.events(refused, 1000).stream().anyMatch(e ->
                e.type() == BotEvent.Type.RISK && e.message().contains("exceeds maxOrderNotional 10")),
                () -> bots.get(refused).toString());
        assertEquals(0, bots.get(refused).counters().orders());

        String rounded = "round-1";
        bots.create(bot(rounded, "walk", "BTCUSDT", qty("0.25"), true), "test");
        await("an order", WAIT, () -> !bots.orders(rounded, false, 10).isEmpty(), () -> bots.get(rounded).toString());
        BotOrder order = bots.orders(rounded, false, 10).get(0);
        assertEquals(0, new BigDecimal("0.2").compareTo(order.qty()));
        bots.stop(refused, "test");
        bots.stop(rounded, "test");
    }
}
