package ${package};

import static io.botfleet.api.strategy.SignalType.ENTER_LONG;
import static io.botfleet.api.strategy.SignalType.EXIT_LONG;
import static org.junit.Assert.assertEquals;

import io.botfleet.api.market.Candle;
import io.botfleet.testkit.Candles;
import io.botfleet.testkit.SimulatedFill;
import io.botfleet.testkit.StrategyHarness;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The rules on hand-made closes, with entryPeriod 3 and exitPeriod 2. */
public class ChannelBreakoutTest {

    @Test
    public void entersAboveTheChannelAndExitsBelowIt() {
        // candle 3 (13) is above 10, 11, 12: enter; candle 5 (12) is below 13 and 14: exit
        List<Candle> candles = Candles.closes("10", "11", "12", "13", "14", "12");
        StrategyHarness run = run(candles);
        assertEquals(List.of(ENTER_LONG, EXIT_LONG), run.signalTypes());
        assertEquals(candles.get(3).openTime(), run.signals().get(0).candleOpenTime());
        assertEquals(candles.get(5).openTime(), run.signals().get(1).candleOpenTime());
        List<SimulatedFill> fills = run.fills();
        assertEquals(new BigDecimal("13"), fills.get(0).price());
        assertEquals(new BigDecimal("12"), fills.get(1).price());
        // bought 1 at 13, sold at 12; compareTo: equal in value, whatever the scale (-1.00000000)
        assertEquals(0, new BigDecimal("-1").compareTo(run.profit()));
    }

    @Test
    public void matchingTheHighExactlyIsNoBreakout() {
        // 0.3 equals the highest close (0.1 + 0.2 would not, in binary floating point)
        assertEquals(List.of(), run(Candles.closes("0.1", "0.3", "0.2", "0.3")).signalTypes());
        assertEquals(List.of(ENTER_LONG),
                run(Candles.closes("0.1", "0.3", "0.2", "0.30000001")).signalTypes());
    }

    @Test
    public void decidesNothingBeforeTheWarmUp() {
        assertEquals(List.of(), run(Candles.closes("1", "2", "3")).signalTypes());
        assertEquals(4, configured(Map.of("entryPeriod", 3, "exitPeriod", 2)).warmupCandles());
    }

    @Test
    public void entersOnlyWhenFlatAndExitsOnlyWhenLong() {
        StrategyHarness alreadyLong = new StrategyHarness(strategy()).position("1")
                .feed(Candles.closes("10", "11", "12", "13"));
        assertEquals(List.of(), alreadyLong.signalTypes());
        assertEquals(List.of(), run(Candles.closes("13", "12", "11", "10")).signalTypes());
    }

    @Test(expected = IllegalStateException.class)
    public void mustBeConfiguredFirst() {
        new StrategyHarness(new ChannelBreakout()).feed(Candles.closes("1"));
    }

    private static StrategyHarness run(List<Candle> candles) {
        return new StrategyHarness(strategy()).feed(candles);
    }

    private static ChannelBreakout strategy() {
        return configured(Map.of("entryPeriod", 3, "exitPeriod", 2));
    }

    private static ChannelBreakout configured(Map<String, Object> params) {
        ChannelBreakout strategy = new ChannelBreakout();
        strategy.configure(params);
        return strategy;
    }
}
