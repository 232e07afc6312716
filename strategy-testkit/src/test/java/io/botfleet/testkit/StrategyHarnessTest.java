package io.botfleet.testkit;

import static io.botfleet.api.strategy.SignalType.ENTER_LONG;
import static io.botfleet.api.strategy.SignalType.EXIT_LONG;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.sim.MarketFillModel;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class StrategyHarnessTest {

    private static UpTick upTick() {
        UpTick strategy = new UpTick();
        strategy.configure(Map.of());
        return strategy;
    }

    @Test
    public void signalsFillAtTheCloseOfTheirCandleBeforeTheNextCandle() {
        List<Candle> candles = Candles.closes("10", "11", "12", "9");
        UpTick strategy = upTick();
        StrategyHarness harness = new StrategyHarness(strategy).orderQty("0.5").feed(candles);

        assertEquals(List.of(ENTER_LONG, EXIT_LONG), harness.signalTypes());
        // quantities are rounded down to the step (default 0.00000001), as the risk gate does
        assertEquals(candles.get(1).openTime(), harness.signals().get(0).candleOpenTime());
        assertEquals(List.of(
                new SimulatedFill(candles.get(1).closeTime(), ENTER_LONG, OrderSide.BUY,
                        new BigDecimal("0.50000000"), new BigDecimal("11"), new BigDecimal("0E-8"),
                        new BigDecimal("0.50000000")),
                new SimulatedFill(candles.get(3).closeTime(), EXIT_LONG, OrderSide.SELL,
                        new BigDecimal("0.50000000"), new BigDecimal("9"), new BigDecimal("0E-8"),
                        new BigDecimal("0E-8"))),
                harness.fills());
        // at 12 the bot was already long (the fill came before that candle): no second entry
        assertEquals(List.of(new FillEvent(true, new BigDecimal("0.50000000"), new BigDecimal("11"),
                        candles.get(1).closeTime()),
                new FillEvent(false, new BigDecimal("0.50000000"), new BigDecimal("9"),
                        candles.get(3).closeTime())),
                strategy.heardFills);
        assertEquals(0, new BigDecimal("-1").compareTo(harness.profit())); // (9 - 11) * 0.5
    }

    @Test
    public void feeAndSlippageAreThePaperExchangesFillModel() {
        Instrument instrument = new Instrument("BTCUSDT", "BTC", "USDT", new BigDecimal("0.01"),
                new BigDecimal("0.001"), BigDecimal.ZERO, BigDecimal.ZERO);
        MarketFillModel model = new MarketFillModel(new BigDecimal("10"), new BigDecimal("5"));
        StrategyHarness harness = new StrategyHarness(upTick()).instrument(instrument)
                .fillModel(model).orderQty("2").feed(Candles.closes("100", "101", "100.01"));

        SimulatedFill buy = harness.fills().get(0);
        SimulatedFill sell = harness.fills().get(1);
        assertEquals(model.marketPrice(OrderSide.BUY, new BigDecimal("101"), instrument), buy.price());
        assertEquals(new BigDecimal("101.06"), buy.price());   // 101.0505 rounded up to the tick
        assertEquals(0, new BigDecimal("0.20212").compareTo(buy.fee())); // 2 * 101.06 * 10 bps
        assertEquals(new BigDecimal("99.95"), sell.price());  // 99.959995 rounded down
        // -(202.12 + 0.20212) + (199.90 - 0.19990)
        assertEquals(0, new BigDecimal("-2.62202").compareTo(harness.profit()));
    }

    @Test
    public void entriesRoundDownToTheStepAndSignalQuantitiesWin() {
        Instrument instrument = new Instrument("BTCUSDT", "BTC", "USDT", new BigDecimal("0.01"),
                new BigDecimal("0.1"), BigDecimal.ZERO, BigDecimal.ZERO);
        Strategy sized = new EmitOnce(new Signal(SignalType.ENTER_LONG, "sized",
                new BigDecimal("0.37")));
        StrategyHarness harness = new StrategyHarness(sized).instrument(instrument)
                .orderQty("5").feed(Candles.closes("10"));
        assertEquals(new BigDecimal("0.3"), harness.fills().get(0).qty());
    }

    @Test
    public void signalsTheRuntimeWouldRefuseAreRecordedNotFilled() {
        StrategyHarness exitWhileFlat = new StrategyHarness(
                new EmitOnce(Signal.of(SignalType.EXIT_LONG, "x"))).feed(Candles.closes("10"));
        assertEquals(List.of(), exitWhileFlat.fills());
        assertEquals(List.of(Candles.START + " EXIT_LONG refused: no long position to exit"),
                exitWhileFlat.refusals());

        StrategyHarness shortWhileLong = new StrategyHarness(
                new EmitOnce(Signal.of(SignalType.ENTER_SHORT, "x"))).position("1")
                .feed(Candles.closes("10"));
        assertEquals(List.of(), shortWhileLong.fills());
        assertEquals(1, shortWhileLong.refusals().size());
    }

    @Test
    public void shortsAreFilledToo() {
        StrategyHarness harness = new StrategyHarness(
                new EmitOnce(Signal.of(SignalType.ENTER_SHORT, "x"))).feed(Candles.closes("10"));
        assertEquals(OrderSide.SELL, harness.fills().get(0).side());
        assertEquals(0, BigDecimal.ONE.negate().compareTo(harness.position()));
    }

    @Test
    public void aReplacedStrategyGetsTheFollowingCandlesAndKeepsThePosition() {
        StrategyHarness harness = new StrategyHarness(upTick()).feed(Candles.closes("1", "2"));
        UpTick next = upTick();
        next.restore(harness.strategy().snapshot(), "1.0.0");
        harness.replaceStrategy(next).feed(Candles.closes("1"));
        assertEquals(List.of(ENTER_LONG, EXIT_LONG), harness.signalTypes());
        assertEquals(1, next.heardFills.size());
    }

    @Test
    public void aStrategyAnsweringEveryFillWithASignalIsStopped() {
        Strategy storm = new EmitOnce(Signal.of(SignalType.ENTER_LONG, "x")) {
            @Override
            public void onFill(FillEvent fill, StrategyContext context) {
                context.emit(Signal.of(fill.buy() ? SignalType.EXIT_LONG : SignalType.ENTER_LONG,
                        "again"));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StrategyHarness(storm).feed(Candles.closes("10")));
        assertEquals(true, e.getMessage().contains("more than 100 signals"));
    }

    /** Emits one given signal on the first candle. */
    private static class EmitOnce implements Strategy {
        private final Signal signal;
        private boolean done;

        EmitOnce(Signal signal) {
            this.signal = signal;
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
            if (!done) {
                done = true;
                context.emit(signal);
            }
        }

        @Override
        public Map<String, Object> snapshot() {
            return Map.of("done", done);
        }

        @Override
        public void restore(Map<String, Object> snapshot, String fromVersion) {
            done = Boolean.TRUE.equals(snapshot.get("done"));
        }
    }
}
