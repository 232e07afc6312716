package io.botfleet.strategy.sma;

import static io.botfleet.api.strategy.SignalType.ENTER_LONG;
import static io.botfleet.api.strategy.SignalType.EXIT_LONG;
import static org.junit.Assert.assertEquals;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.testkit.Candles;
import io.botfleet.testkit.RecordedSignal;
import io.botfleet.testkit.StrategyContract;
import io.botfleet.testkit.StrategyHarness;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The crossover rules on hand-made closes, with fast = 2 and slow = 3 unless said otherwise. */
public class SmaCrossoverTest {

    @Test
    public void entersOnACrossUpAndExitsOnACrossDown() {
        // bar 2: fast 1.5 < slow 2; bar 3: fast 2.5 > slow 2.33 (up); bar 5: 0.75 < 1.83 (down)
        assertEquals(List.of(ENTER_LONG, EXIT_LONG), signals(2, 3, "3", "2", "1", "4", "1", "0.5"));
    }

    @Test
    public void signalsFallOnTheCrossingBar() {
        List<Candle> candles = Candles.closes("3", "2", "1", "4");
        List<RecordedSignal> emitted = feed(2, 3, candles).signals();
        assertEquals(1, emitted.size());
        assertEquals(candles.get(3).openTime(), emitted.get(0).candleOpenTime());
        assertEquals("sma 2/3 cross up", emitted.get(0).signal().reason());
    }

    @Test
    public void needsBothAveragesAtThePreviousBarBeforeAnySignal() {
        // the jump at bar 2 fills the window but there is no previous relation yet
        assertEquals(List.of(), signals(2, 3, "1", "1", "5"));
        assertEquals(4, strategy(2, 3).warmupCandles());
    }

    @Test
    public void aFlatMarketIsAnExactTieAndNeverSignals() {
        assertEquals(List.of(), signals(2, 3, "0.1", "0.1", "0.1", "0.1", "0.1", "0.1"));
    }

    @Test
    public void leavingATieUpwardsEnters() {
        // bars 2-3 tie exactly; bar 4 fast 1.5 > slow 1.33 with previous == 0
        assertEquals(List.of(ENTER_LONG), signals(2, 3, "1", "1", "1", "1", "2"));
    }

    @Test
    public void touchingATieIsNotACross() {
        // below (0.1 < 0.233), then exactly equal (0.2 = (0.3+0.1+0.2)/3, a sum binary floating
        // point cannot hold), then below again (0.1 < 0.133): nothing
        assertEquals(List.of(), signals(1, 3, "0.3", "0.3", "0.1", "0.2", "0.1"));
    }

    @Test
    public void leavingATieDownwardsExitsALongPosition() {
        StrategyHarness harness = new StrategyHarness(strategy(2, 3)).position("1")
                .feed(Candles.closes("1", "1", "1", "1", "0.5"));
        assertEquals(List.of(EXIT_LONG), harness.signalTypes());
    }

    @Test
    public void entersOnlyWhenFlatAndExitsOnlyWhenLong() {
        StrategyHarness longAlready = new StrategyHarness(strategy(2, 3)).position("0.5")
                .feed(Candles.closes("3", "2", "1", "4"));
        assertEquals(List.of(), longAlready.signalTypes());

        StrategyHarness flat = new StrategyHarness(strategy(2, 3))
                .feed(Candles.closes("1", "2", "3", "0.5"));
        assertEquals("a cross down while flat", List.of(), flat.signalTypes());
    }

    @Test
    public void ignoresCandlesThatAreNotClosed() {
        Candle open = Candles.closes("100").get(0);
        Candle notClosed = new Candle(open.symbol(), open.interval(), open.openTime(), open.open(),
                open.high(), open.low(), open.close(), open.volume(), false);
        SmaCrossover strategy = strategy(2, 3);
        new StrategyHarness(strategy).feed(Candles.closes("3", "2", "1")).feed(notClosed);
        assertEquals(List.of("3", "2", "1"), strategy.snapshot().get("closes"));
    }

    @Test
    public void badParamsAreRefusedByConfigure() {
        StrategyContract.assertRefuses(SmaCrossover::new, Map.of("fast", 10), "slow");
        StrategyContract.assertRefuses(SmaCrossover::new, Map.of("fast", 30, "slow", 30), "fast");
        // no defaults on purpose (see SmaParams): empty params are refused, naming the first
        StrategyContract.assertRefuses(SmaCrossover::new, Map.of(), "fast");
    }

    @Test(expected = IllegalStateException.class)
    public void mustBeConfiguredFirst() {
        new StrategyHarness(new SmaCrossover()).feed(Candles.closes("1"));
    }

    private static List<SignalType> signals(int fast, int slow, String... closes) {
        return feed(fast, slow, Candles.closes(closes)).signalTypes();
    }

    private static StrategyHarness feed(int fast, int slow, List<Candle> candles) {
        return new StrategyHarness(strategy(fast, slow)).feed(candles);
    }

    static SmaCrossover strategy(int fast, int slow) {
        SmaCrossover strategy = new SmaCrossover();
        strategy.configure(Map.of("fast", fast, "slow", slow));
        return strategy;
    }
}
