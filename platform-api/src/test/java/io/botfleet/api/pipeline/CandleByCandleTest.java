package io.botfleet.api.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Position;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.api.sim.MarketFillModel;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The pipeline driven candle by candle with no framework at all, as a backtest drives it: each
 * intent filled at once at the close with the paper exchange's fill model, the book keeping the
 * position.
 */
public class CandleByCandleTest {

    private static final BigDecimal QTY = new BigDecimal("0.01");
    private final Instrument instrument = new Instrument("UNITTESTBTC", "UNITTEST", "BTC", new BigDecimal("0.00000001"),
            new BigDecimal("0.00000001"), BigDecimal.ZERO, BigDecimal.ZERO);
    private final MarketFillModel fills = new MarketFillModel(new BigDecimal("7.5"), new BigDecimal("1"));

    @Test
    public void aWholeFileTradesOnePositionAtATimeAndTheSameWayEachTime() throws IOException {
        List<Candle> candles = candles();
        RiskLimits risk = new RiskLimits(QTY, QTY, null, new BigDecimal("0.5"), new BigDecimal("0.5"), null);
        Replay first = replay(candles, risk);
        Replay second = replay(candles, risk);

        assertEquals(candles.size(), first.book.candles());
        assertTrue("it traded: " + first.orders.size(), first.orders.size() > 20);
        assertEquals("one fill per order", first.orders.size(), first.book.fills());
        for (int i = 0; i < first.orders.size(); i++) {
            // flat, long, flat, long ...: an entry never follows an entry, an exit never an exit
            assertEquals("order " + i, i % 2 == 0 ? OrderSide.BUY : OrderSide.SELL, first.orders.get(i).side());
        }
        assertTrue("some exits were protective", first.orders.stream()
                .anyMatch(o -> o.reason().startsWith("stop-loss") || o.reason().startsWith("take-profit")));
        assertEquals("deterministic to the digit", first.orders, second.orders);
        assertEquals(first.book.position(), second.book.position());
        assertEquals(first.book.progress(), second.book.progress());
    }

    @Test
    public void theIntentsOfOneCandleHoldBackLaterSignalsOnTheirSide() {
        RiskLimits risk = new RiskLimits(QTY, null, null, new BigDecimal("2"), null, null);
        BotConfig config = config(risk);
        TradingBook book = new TradingBook(new BotProgress("b1", null, BotProgress.initial("b1").counters(),
                new Position(QTY, new BigDecimal("100"), BigDecimal.ZERO, BigDecimal.ZERO), 7, Map.of()));
        CandlePipeline pipeline = new CandlePipeline("b1", "UNITTESTBTC", StrategyCaller.DIRECT, seq -> "o" + seq);
        Strategy exitsToo = new Emitting(SignalType.EXIT_LONG);
        Candle fall = new Candle("UNITTESTBTC", Interval.M1, Instant.EPOCH, new BigDecimal("97"), new BigDecimal("97"),
                new BigDecimal("97"), new BigDecimal("97"), BigDecimal.ONE, true);

        CandleDecision decision = pipeline.decide(fall, CandleTerms.trading(config, instrument, Instant.EPOCH), exitsToo,
                book, OpenOrders.NONE);

        assertEquals("the stop-loss sells; the strategy's own exit waits for it", 1, decision.intents().size());
        assertEquals("o7", decision.intents().get(0).clientOrderId());
        assertTrue(decision.intents().get(0).reason().startsWith("stop-loss"));
        assertEquals(List.of("EXIT_LONG refused: an exit order is still open (signal: t)"), decision.notes());
        assertEquals("the sequence moved on", 8, book.progress().nextOrderSeq());
    }

    private Replay replay(List<Candle> candles, RiskLimits risk) {
        BotConfig config = config(risk);
        TradingBook book = new TradingBook(BotProgress.initial("b1"));
        CandlePipeline pipeline = new CandlePipeline("b1", "UNITTESTBTC", StrategyCaller.DIRECT, seq -> "o" + seq);
        Strategy strategy = new Momentum();
        List<BotOrder> orders = new ArrayList<>();
        for (Candle candle : candles) {
            CandleDecision decision = pipeline.decide(candle, CandleTerms.trading(config, instrument, candle.closeTime()),
                    strategy, book, OpenOrders.NONE);
            for (BotOrder intent : decision.intents()) {
                BigDecimal price = fills.marketPrice(intent.side(), candle.close(), instrument);
                BigDecimal fee = fills.fee(intent.qty().multiply(price));
                book.countOrder();
                book.fill(PositionLedger.apply(book.position(), intent.side(), intent.qty(), price, fee, "UNITTEST",
                        "BTC", candle.close()));
                orders.add(intent);
            }
        }
        return new Replay(book, orders);
    }

    private static BotConfig config(RiskLimits risk) {
        return new BotConfig("b1", new StrategySpec("t", "1.0.0", Map.of()), new ExchangeRef("paper", "a"),
                "UNITTESTBTC", Interval.M1, risk, true);
    }

    private record Replay(TradingBook book, List<BotOrder> orders) {
    }

    private static List<Candle> candles() {
        return CandleCsv.read(CandleFiles.open(CandleFiles.UNITTEST_BTC), CandleFiles.UNITTEST_BTC, "UNITTESTBTC",
                Interval.M1);
    }

    /** Enters after three rising closes, exits after three falling ones. */
    private static final class Momentum extends Emitting {
        private BigDecimal last;
        private int streak;

        @Override
        public void onCandle(Candle candle, StrategyContext context) {
            int move = last == null ? 0 : candle.close().compareTo(last);
            last = candle.close();
            streak = move == 0 ? 0 : (Integer.signum(streak) == move ? streak + move : move);
            if (streak == 3 && context.positionQty().signum() == 0) {
                context.emit(Signal.of(SignalType.ENTER_LONG, "up 3"));
            } else if (streak == -3 && context.positionQty().signum() > 0) {
                context.emit(Signal.of(SignalType.EXIT_LONG, "down 3"));
            }
        }
    }

    private static class Emitting implements Strategy {
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
            for (SignalType type : emit) {
                context.emit(Signal.of(type, "t"));
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
