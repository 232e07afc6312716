package io.botfleet.strategy.sma;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.market.Candle;
import io.botfleet.strategy.sma.RecordingContext.Emitted;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SmaSnapshotTest {

    @Test
    public void restoringMidStreamGivesTheSameSignalsAsAnUninterruptedRun() throws IOException {
        List<Candle> candles = MarketData.realFile("UNITTEST_BTC-1m.csv");
        List<Emitted> uninterrupted = new RecordingContext()
                .feed(SmaCrossoverTest.strategy(10, 30), candles).emitted();

        for (int cut : new int[] {5, 30, 31, 6841}) {
            RecordingContext context = new RecordingContext();
            SmaCrossover before = SmaCrossoverTest.strategy(10, 30);
            context.feed(before, candles.subList(0, cut));
            Map<String, Object> stored = throughADatabase(before.snapshot());

            SmaCrossover after = SmaCrossoverTest.strategy(10, 30);
            after.restore(stored, "1.0.0");
            context.feed(after, candles.subList(cut, candles.size()));
            assertEquals("cut at " + cut, uninterrupted, context.emitted());
        }
    }

    @Test
    public void aSnapshotIsPlainDataWithTheWindowAsStrings() {
        SmaCrossover strategy = SmaCrossoverTest.strategy(2, 3);
        new RecordingContext().feed(strategy, MarketData.closes("0.0016", "2", "3", "4.50"));
        Map<String, Object> snapshot = strategy.snapshot();
        assertEquals(Map.of("format", 1L, "fast", 2L, "slow", 3L,
                "closes", List.of("2", "3", "4.50")), snapshot);
        assertTrue(snapshot.get("closes") instanceof List<?>);
    }

    @Test
    public void aWindowFromOtherLengthsKeepsTheLastSlowCloses() {
        SmaCrossover wide = SmaCrossoverTest.strategy(3, 5);
        new RecordingContext().feed(wide, MarketData.closes("1", "2", "3", "4", "5", "6"));
        SmaCrossover narrow = SmaCrossoverTest.strategy(1, 2);
        narrow.restore(wide.snapshot(), "1.0.0");
        assertEquals(List.of("5", "6"), narrow.snapshot().get("closes"));
    }

    @Test
    public void garbageIsRefusedWithAClearMessage() {
        assertRefused(null, "null");
        assertRefused(Map.of(), "'closes' as a list");
        assertRefused(Map.of("closes", "1,2,3"), "String '1,2,3'");
        assertRefused(Map.of("closes", List.of("1", "abc")), "closes[1]");
        assertRefused(Map.of("closes", List.of("1", "-2")), "closes[1] must be a positive");
        assertRefused(Map.of("closes", List.of(0.1)), "Double '0.1'");
        assertRefused(Map.of("format", 2, "closes", List.of()), "format '2'");
    }

    @Test
    public void aRefusedRestoreKeepsTheOldWindow() {
        SmaCrossover strategy = SmaCrossoverTest.strategy(2, 3);
        new RecordingContext().feed(strategy, MarketData.closes("1", "2", "3"));
        try {
            strategy.restore(Map.of("closes", List.of("1", "x")), "1.0.0");
            fail();
        } catch (IllegalArgumentException expected) {
            assertEquals(List.of("1", "2", "3"), strategy.snapshot().get("closes"));
        }
    }

    private static void assertRefused(Map<String, Object> snapshot, String messagePart) {
        try {
            SmaCrossoverTest.strategy(2, 3).restore(snapshot, "1.0.0");
            fail("accepted " + snapshot);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }

    /** Numbers come back from a JSON column as other Number types; strings stay strings. */
    private static Map<String, Object> throughADatabase(Map<String, Object> snapshot) {
        Map<String, Object> copy = new HashMap<>();
        snapshot.forEach((key, value) -> copy.put(key, value instanceof Number n
                ? new BigDecimal(n.toString()) : value instanceof List<?> l ? new ArrayList<>(l)
                : value));
        return copy;
    }
}
