package io.botfleet.runtime.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Position;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.runtime.guard.PoolCompensation;
import io.botfleet.runtime.guard.StrategyCallGuard;
import io.botfleet.runtime.order.ClientOrderIdFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** A current candle is traded (exits included) whatever its path; a history candle only feeds the strategy, with a note. */
public class CandleStepTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String HISTORY = "history: it closed long ago";

    private ScheduledExecutorService timer;
    private ThreadPoolExecutor pool;
    private StrategyCallGuard guard;
    private CandleStep step;
    private final List<Instant> seen = new ArrayList<>();
    private final BotConfig config = new BotConfig("b1", new StrategySpec("t", "1.0.0", Map.of()),
            new ExchangeRef("paper", "a"), "BTCUSDT", Interval.M1,
            new RiskLimits(new BigDecimal("0.01"), null, null, new BigDecimal("2"), null, null), true);
    private final Instrument instrument = new Instrument("BTCUSDT", "BTC", "USDT", new BigDecimal("0.1"),
            new BigDecimal("0.001"), BigDecimal.ZERO, BigDecimal.ZERO);

    @Before
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor();
        pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        guard = new StrategyCallGuard(new StrategyCallGuard.Limits(2000, 256L << 20, 1000),
                new PoolCompensation(pool, 2), timer);
        step = new CandleStep(new ClientOrderIdFactory("test"), new StrategyCalls(guard, what -> { }));
    }

    @After
    public void stop() {
        guard.close();
        timer.shutdownNow();
        pool.shutdownNow();
    }

    @Test
    public void aCurrentCandleIsTradedAndAHistoryCandleIsNot() {
        TradingState state = new TradingState(BotProgress.initial("b1"));
        CandleStep.Outcome history = run(candle(0, "100"), HISTORY, state, SignalType.ENTER_LONG);
        assertEquals("the strategy saw it", List.of(T0), seen);
        assertTrue(history.intents().isEmpty());
        assertEquals(List.of("candle " + T0 + " not traded: 1 signal(s) [ENTER_LONG]; the candle is " + HISTORY),
                history.notes());
        assertEquals("it counts as processed", 1, state.candles);

        CandleStep.Outcome current = run(candle(1, "100"), null, state, SignalType.ENTER_LONG);
        assertEquals(1, current.intents().size());
        assertEquals(OrderSide.BUY, current.intents().get(0).side());
        assertTrue(current.notes().isEmpty());
    }

    @Test
    public void aHistoryCandleWithoutSignalsNeedsNoNote() {
        TradingState state = new TradingState(BotProgress.initial("b1"));
        CandleStep.Outcome out = run(candle(0, "100"), HISTORY, state);
        assertTrue(out.intents().isEmpty());
        assertTrue(out.notes().isEmpty());
    }

    @Test
    public void protectiveExitsAreEvaluatedOnEveryCurrentCandleAndNamedOnHistory() {
        TradingState state = new TradingState(BotProgress.initial("b1"));
        state.position = new Position(new BigDecimal("0.01"), new BigDecimal("100"), BigDecimal.ZERO, BigDecimal.ZERO);
        // 3 % under the entry: the 2 % stop-loss fires, but a history candle trades nothing
        CandleStep.Outcome history = run(candle(0, "97"), HISTORY, state);
        assertTrue(history.intents().isEmpty());
        assertEquals(1, history.notes().size());
        assertTrue(history.notes().get(0), history.notes().get(0).startsWith("candle " + T0
                + " not traded: protective exit (stop-loss 2"));
        // the same fall on a current candle (fetched after a reconnect or not) sells
        CandleStep.Outcome current = run(candle(1, "97"), null, state);
        assertEquals(1, current.intents().size());
        assertEquals(OrderSide.SELL, current.intents().get(0).side());
        assertTrue(current.intents().get(0).reason(), current.intents().get(0).reason().contains("stop-loss"));
    }

    private CandleStep.Outcome run(Candle candle, String history, TradingState state, SignalType... emit) {
        Strategy strategy = new Emitting(emit);
        return step.run(candle, history, false, strategy, new BotContext("b1", "BTCUSDT"), state, new OrderTracker(),
                config, 1, instrument, candle.closeTime());
    }

    private static Candle candle(int i, String close) {
        BigDecimal p = new BigDecimal(close);
        return new Candle("BTCUSDT", Interval.M1, T0.plusSeconds(60L * i), p, p, p, p, BigDecimal.ONE, true);
    }

    /** Emits the given signals on every candle and records which candles it saw. */
    private final class Emitting implements Strategy {
        private final SignalType[] emit;

        Emitting(SignalType... emit) {
            this.emit = emit;
        }

        @Override
        public void configure(Map<String, Object> params) {
        }

        @Override
        public int warmupCandles() {
            return 0;
        }

        @Override
        public void onCandle(Candle candle, StrategyContext context) {
            seen.add(candle.openTime());
            for (SignalType type : emit) {
                context.emit(Signal.of(type, "test"));
            }
        }

        @Override
        public Map<String, Object> snapshot() {
            return Map.of();
        }

        @Override
        public void restore(Map<String, Object> snapshot, String fromVersion) {
        }
    }
}
