package io.botfleet.strategy.rsi;

import static io.botfleet.api.strategy.SignalType.ENTER_LONG;
import static io.botfleet.api.strategy.SignalType.EXIT_LONG;
import static org.junit.Assert.assertEquals;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.testkit.Candles;
import io.botfleet.testkit.RecordedSignal;
import io.botfleet.testkit.SimulatedFill;
import io.botfleet.testkit.StrategyContract;
import io.botfleet.testkit.StrategyHarness;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The rules on hand-made closes, with period 2, lower 30 and upper 70 unless said otherwise.
 * With two changes the RSI is 100 * G / (G + L) of two numbers, so every reading below is easy
 * to check by hand; the comments give it per candle.
 */
public class RsiReversionTest {

    @Test
    public void entersOnACrossBelowLowerAndExitsOnACrossAboveUpper() {
        // RSI: -, -, 100, 40, 0 (cross below: enter), 25, 100 (cross above: exit)
        List<Candle> candles = Candles.closes("10", "12", "14", "11", "8", "9", "12");
        StrategyHarness harness = run(candles);
        assertEquals(List.of(ENTER_LONG, EXIT_LONG), harness.signalTypes());
        List<RecordedSignal> signals = harness.signals();
        assertEquals(candles.get(4).openTime(), signals.get(0).candleOpenTime());
        assertEquals("rsi 2 below 30", signals.get(0).signal().reason());
        assertEquals(candles.get(6).openTime(), signals.get(1).candleOpenTime());
        assertEquals("rsi 2 above 70", signals.get(1).signal().reason());
        List<SimulatedFill> fills = harness.fills();
        assertEquals(new BigDecimal("8"), fills.get(0).price());
        assertEquals(new BigDecimal("12"), fills.get(1).price());
    }

    @Test
    public void touchingLowerExactlyIsNotACross() {
        // RSI: 100, then 30 exactly (+0.3 -0.7: 100 * 0.3 = 30 * 1.0) twice, then 100
        assertEquals(List.of(), types(run(Candles.closes("1.0", "1.3", "1.6", "0.9", "1.2", "1.5"))));
    }

    @Test
    public void leavingLowerFromAnExactTieDownwardsEnters() {
        // RSI: 100, 30 exactly, 0: the previous reading is >= 30 and this one is below
        assertEquals(List.of(ENTER_LONG), types(run(Candles.closes("1.0", "1.3", "1.6", "0.9", "0.8"))));
    }

    @Test
    public void touchingUpperExactlyIsNotACrossButLeavingItUpwardsIs() {
        // long already; RSI: 0, 70 exactly (-0.3 +0.7), 70 exactly (+0.7 -0.3), 0: no exit
        StrategyHarness touching = run("1", Candles.closes("2.0", "1.3", "1.0", "1.7", "1.4", "1.1"));
        assertEquals(List.of(), touching.signalTypes());
        // RSI: 0, 70 exactly, 100: exit
        StrategyHarness leaving = run("1", Candles.closes("2.0", "1.3", "1.0", "1.7", "1.8"));
        assertEquals(List.of(EXIT_LONG), leaving.signalTypes());
    }

    @Test
    public void aWindowWithoutLossesIsHundredAndWithoutGainsZero() {
        // RSI 100 (no losses), 50, 0 (no gains): the cross below 30 enters
        assertEquals(List.of(ENTER_LONG), types(run(Candles.closes("1", "2", "3", "2", "1"))));
        // and back, long: 0, 50, 100 exits
        assertEquals(List.of(EXIT_LONG), run("1", Candles.closes("3", "2", "1", "2", "3"))
                .signalTypes());
    }

    @Test
    public void aFlatWindowHasNoRsiAndNoCrossIntoOrOutOfIt() {
        // undefined (5, 5, 5), then 0: no previous reading, so no entry; then 33.3, 50, 0: entry
        assertEquals(List.of(ENTER_LONG),
                types(run(Candles.closes("5", "5", "5", "4", "4.5", "4", "3"))));
        assertEquals(Candles.closes("5", "5", "5", "4", "4.5", "4", "3").get(6).openTime(),
                run(Candles.closes("5", "5", "5", "4", "4.5", "4", "3")).signals().get(0)
                        .candleOpenTime());
        // long, RSI 40, 0, undefined (two unchanged closes), 100: the flat window breaks the cross
        assertEquals(List.of(), run("1", Candles.closes("10", "12", "9", "9", "9", "10"))
                .signalTypes());
    }

    @Test
    public void entersOnlyWhenFlatAndExitsOnlyWhenLong() {
        assertEquals(List.of(), run("0.5", Candles.closes("10", "12", "14", "11", "8")).signalTypes());
        assertEquals(List.of(), types(run(Candles.closes("10", "8", "6", "9", "12"))));
    }

    @Test
    public void needsAReadingAtThePreviousCandleBeforeAnySignal() {
        // the first reading (candle 2) is 0, below 30, but there is nothing to cross from
        assertEquals(List.of(), types(run(Candles.closes("3", "2", "1"))));
        assertEquals(4, strategy(2, "30", "70").warmupCandles());
    }

    @Test
    public void ignoresCandlesThatAreNotClosed() {
        RsiReversion strategy = strategy(2, "30", "70");
        Candle open = Candles.closes("100").get(0);
        Candle notClosed = new Candle(open.symbol(), open.interval(), open.openTime(), open.open(),
                open.high(), open.low(), open.close(), open.volume(), false);
        new StrategyHarness(strategy).feed(Candles.closes("3", "2", "1")).feed(notClosed);
        assertEquals(List.of("3", "2", "1"), strategy.snapshot().get("closes"));
    }

    @Test
    public void theDefaultsArePeriod14Lower30Upper70() {
        StrategyContract.assertConfiguresWithDefaults(RsiReversion::new);
        RsiReversion strategy = new RsiReversion();
        strategy.configure(Map.of());
        assertEquals(16, strategy.warmupCandles());
        assertEquals(14L, strategy.snapshot().get("period"));
    }

    @Test
    public void badParamsAreRefusedByConfigure() {
        StrategyContract.assertRefuses(RsiReversion::new, Map.of("period", 1), "period");
        StrategyContract.assertRefuses(RsiReversion::new, Map.of("lower", 70, "upper", 70), "lower");
        StrategyContract.assertRefuses(RsiReversion::new, Map.of("upper", 100), "upper");
    }

    @Test(expected = IllegalStateException.class)
    public void mustBeConfiguredFirst() {
        new StrategyHarness(new RsiReversion()).feed(Candles.closes("1"));
    }

    @Test
    public void restoringAtAnyCandleGivesTheSameSignals() {
        List<Candle> zigzag = Candles.closes("10", "12", "14", "11", "8", "9", "12", "12", "12",
                "11", "1.0", "1.3", "1.6", "0.9", "0.8", "5", "5", "5", "4", "4.5", "4", "3", "9");
        StrategyContract contract = StrategyContract.of(RsiReversion::new,
                Map.of("period", 2, "lower", 30, "upper", 70));
        contract.assertRestoresAnywhere(zigzag);
        contract.assertDeterministic(zigzag);
    }

    static RsiReversion strategy(int period, String lower, String upper) {
        RsiReversion strategy = new RsiReversion();
        strategy.configure(Map.of("period", period, "lower", new BigDecimal(lower),
                "upper", new BigDecimal(upper)));
        return strategy;
    }

    private static StrategyHarness run(List<Candle> candles) {
        return run("0", candles);
    }

    private static StrategyHarness run(String position, List<Candle> candles) {
        return new StrategyHarness(strategy(2, "30", "70")).position(position).feed(candles);
    }

    private static List<SignalType> types(StrategyHarness harness) {
        return harness.signalTypes();
    }
}
