package io.botfleet.strategy.rsi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.strategy.SignalType;
import io.botfleet.testkit.Candles;
import io.botfleet.testkit.PlainData;
import io.botfleet.testkit.StrategyHarness;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RsiSnapshotTest {

    @Test
    public void aSnapshotIsPlainDataWithTheLastPeriodPlusOneClosesAsStrings() {
        RsiReversion strategy = RsiReversionTest.strategy(2, "30", "70");
        new StrategyHarness(strategy).feed(Candles.closes("0.0016", "2", "3", "4.50"));
        Map<String, Object> snapshot = strategy.snapshot();
        assertEquals(Map.of("format", 1L, "period", 2L, "closes", List.of("2", "3", "4.50")),
                snapshot);
        assertEquals(snapshot.keySet(), PlainData.throughTheDatabase(snapshot).keySet());
    }

    @Test
    public void theRestoredWindowCarriesThePreviousReading() {
        // 10, 12, 14, 11 reads 100 then 40; restored, the next close 8 (RSI 0) is a cross
        RsiReversion before = RsiReversionTest.strategy(2, "30", "70");
        new StrategyHarness(before).feed(Candles.closes("10", "12", "14", "11"));
        RsiReversion after = RsiReversionTest.strategy(2, "30", "70");
        after.restore(PlainData.throughTheDatabase(before.snapshot()), "1.0.0");
        assertEquals(List.of(SignalType.ENTER_LONG),
                new StrategyHarness(after).feed(Candles.closes("8")).signalTypes());
    }

    @Test
    public void aWindowFromAnotherPeriodKeepsTheLastPeriodPlusOneCloses() {
        RsiReversion wide = RsiReversionTest.strategy(5, "30", "70");
        new StrategyHarness(wide).feed(Candles.closes("1", "2", "3", "4", "5", "6", "7"));
        RsiReversion narrow = RsiReversionTest.strategy(2, "30", "70");
        narrow.restore(wide.snapshot(), "1.0.0");
        assertEquals(List.of("5", "6", "7"), narrow.snapshot().get("closes"));
    }

    @Test
    public void garbageIsRefusedWithAClearMessage() {
        assertRefused(null, "null");
        assertRefused(Map.of(), "'closes' as a list");
        assertRefused(Map.of("closes", "1,2,3"), "String '1,2,3'");
        assertRefused(Map.of("closes", List.of("1", "abc")), "closes[1]");
        assertRefused(Map.of("closes", List.of("1", "0")), "closes[1] must be a positive");
        assertRefused(Map.of("closes", List.of(0.1)), "Double '0.1'");
        assertRefused(Map.of("format", 2, "closes", List.of()), "format '2'");
        assertRefused(Map.of("format", "1", "closes", List.of()), "format '1'");
    }

    @Test
    public void aRefusedRestoreKeepsTheOldWindow() {
        RsiReversion strategy = RsiReversionTest.strategy(2, "30", "70");
        new StrategyHarness(strategy).feed(Candles.closes("1", "2", "3"));
        try {
            strategy.restore(Map.of("closes", List.of("1", "x")), "1.0.0");
            fail();
        } catch (IllegalArgumentException expected) {
            assertEquals(List.of("1", "2", "3"), strategy.snapshot().get("closes"));
        }
    }

    private static void assertRefused(Map<String, Object> snapshot, String messagePart) {
        try {
            RsiReversionTest.strategy(2, "30", "70").restore(snapshot, "1.0.0");
            fail("accepted " + snapshot);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }
}
