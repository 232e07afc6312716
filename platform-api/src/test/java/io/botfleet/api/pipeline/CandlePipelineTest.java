package io.botfleet.api.pipeline;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** A current candle is traded (exits included) whatever its path; a history candle only feeds the strategy, with a note. */
public class CandlePipelineTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String HISTORY = "history: it closed long ago";

    private final List<Instant> seen = new ArrayList<>();
    private final BotConfig config = new BotConfig("b1", new StrategySpec("t", "1.0.0", Map.of()),
            new ExchangeRef("paper", "a"), "BTCUSDT", Interval.M1,
            new RiskLimits(new BigDecimal("0.01"), null, null, new BigDecimal("2"), null, null), true);
    private final Instrument instrument = new Instrument("BTCUSDT", "BTC", "USDT", new BigDecimal("0.1"),
            new BigDecimal("0.001"), BigDecimal.ZERO, BigDecimal.ZERO);
    private final CandlePipeline pipeline = new CandlePipeline("b1", "BTCUSDT", StrategyCaller.DIRECT,
            seq -> "test-1-" + seq);

    @Test
    public void aCurrentCandleIsTradedAndAHistoryCandleIsNot() {
        TradingBook state = new TradingBook(BotProgress.initial("b1"));
        CandleDecision history = run(candle(0, "100"), HISTORY, state, SignalType.ENTER_LONG);
        assertEquals("the strategy saw it", List.of(T0), seen);
        assertTrue(history.intents().isEmpty());
        assertEquals(List.of("candle " + T0 + " not traded: 1 signal(s) [ENTER_LONG]; the candle is " + HISTORY),
                history.notes());
        assertEquals("it counts as processed", 1, state.candles());

        CandleDecision current = run(candle(1, "100"), null, state, SignalType.ENTER_LONG);
        assertEquals(1, current.intents().size());
        assertEquals(OrderSide.BUY, current.intents().get(0).side());
        assertTrue(current.notes().isEmpty());
    }

    @Test
    public void aHistoryCandleWithoutSignalsNeedsNoNote() {
        TradingBook state = new TradingBook(BotProgress.initial("b1"));
        CandleDecision out = run(candle(0, "100"), HISTORY, state);
        assertTrue(out.intents().isEmpty());
        assertTrue(out.notes().isEmpty());
    }

    @Test
    public void protectiveExitsAreEvaluatedOnEveryCurrentCandleAndNamedOnHistory() {
        BotProgress initial = BotProgress.initial("b1");
        TradingBook state = new TradingBook(new BotProgress("b1", null, initial.counters(),
                new Position(new BigDecimal("0.01"), new BigDecimal("100"), BigDecimal.ZERO, BigDecimal.ZERO),
                initial.nextOrderSeq(), initial.riskState()));
        // 3 % under the entry: the 2 % stop-loss fires, but a history candle trades nothing
        CandleDecision history = run(candle(0, "97"), HISTORY, state);
        assertTrue(history.intents().isEmpty());
        assertEquals(1, history.notes().size());
        assertTrue(history.notes().get(0), history.notes().get(0).startsWith("candle " + T0
                + " not traded: protective exit (stop-loss 2"));
        // the same fall on a current candle (fetched after a reconnect or not) sells
        CandleDecision current = run(candle(1, "97"), null, state);
        assertEquals(1, current.intents().size());
        assertEquals(OrderSide.SELL, current.intents().get(0).side());
        assertTrue(current.intents().get(0).reason(), current.intents().get(0).reason().contains("stop-loss"));
    }

    @Test
    public void aBookMarkingOnlyAtFillsKeepsThePositionThroughCandlesAndDecidesTheSame() {
        BotProgress initial = BotProgress.initial("b1");
        Position held = new Position(new BigDecimal("0.01"), new BigDecimal("100"), BigDecimal.ZERO, BigDecimal.ZERO);
        TradingBook marking = new TradingBook(new BotProgress("b1", null, initial.counters(), held,
                initial.nextOrderSeq(), initial.riskState()));
        TradingBook atFills = new TradingBook(new BotProgress("b1", null, initial.counters(), held,
                initial.nextOrderSeq(), initial.riskState())).markOnlyAtFills();
        for (int i = 0; i < 3; i++) {
            String close = String.valueOf(101 + i);
            CandleDecision a = run(candle(i, close), null, marking);
            CandleDecision b = run(candle(i, close), null, atFills);
            assertEquals(a.intents().size(), b.intents().size());
        }
        assertEquals(new BigDecimal("0.03"), marking.position().unrealizedPnl());
        assertTrue("no new position per candle", held == atFills.position());
        // the 2 % stop-loss reads the quantity and the average price: both books sell alike
        CandleDecision a = run(candle(3, "97"), null, marking);
        CandleDecision b = run(candle(3, "97"), null, atFills);
        assertEquals(1, b.intents().size());
        assertEquals(a.intents().get(0).side(), b.intents().get(0).side());
        assertEquals(a.intents().get(0).qty(), b.intents().get(0).qty());
        assertEquals(a.intents().get(0).reason(), b.intents().get(0).reason());
    }

    private CandleDecision run(Candle candle, String history, TradingBook state, SignalType... emit) {
        Strategy strategy = new Emitting(emit);
        return pipeline.decide(candle, new CandleTerms(config, instrument, history, false, candle.closeTime()), strategy,
                state, OpenOrders.NONE);
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
