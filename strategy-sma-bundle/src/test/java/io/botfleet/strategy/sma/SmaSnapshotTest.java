package io.botfleet.strategy.sma;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.market.Candle;
import io.botfleet.testdata.CandleFiles;
import io.botfleet.testkit.Candles;
import io.botfleet.testkit.StrategyContract;
import io.botfleet.testkit.StrategyHarness;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SmaSnapshotTest {

    @Test
    public void restoringMidStreamGivesTheSameSignalsAsAnUninterruptedRun() {
        List<Candle> candles = RealDataCrossoverTest.realFile(CandleFiles.UNITTEST_BTC, "BTCUSDT");
        StrategyContract tenThirty = StrategyContract.of(SmaCrossover::new,
                Map.of("fast", 10, "slow", 30));
        // around the warm-up, a cut right after a signal, and sampled cuts over the whole file
        tenThirty.assertRestoresAt(candles, 5, 30, 31, 6841);
        tenThirty.assertRestoresAnywhere(candles);
    }

    @Test
    public void everyCandleOfAHandMadeSeriesIsASafePlaceToRestore() {
        StrategyContract.of(SmaCrossover::new, Map.of("fast", 2, "slow", 3)).assertRestoresAnywhere(
                Candles.closes("3", "2", "1", "4", "1", "0.5", "1", "1", "1", "1", "2", "0.3"));
    }

    @Test
    public void sameCandlesSameSignals() {
        StrategyContract.of(SmaCrossover::new, Map.of("fast", 10, "slow", 30)).assertDeterministic(
                RealDataCrossoverTest.realFile(CandleFiles.ETH_BTC, "ETHBTC"));
    }

    @Test
    public void aSnapshotIsPlainDataWithTheWindowAsStrings() {
        SmaCrossover strategy = SmaCrossoverTest.strategy(2, 3);
        new StrategyHarness(strategy).feed(Candles.closes("0.0016", "2", "3", "4.50"));
        Map<String, Object> snapshot = strategy.snapshot();
        assertEquals(Map.of("format", 1L, "fast", 2L, "slow", 3L,
                "closes", List.of("2", "3", "4.50")), snapshot);
        assertTrue(snapshot.get("closes") instanceof List<?>);
    }

    @Test
    public void aWindowFromOtherLengthsKeepsTheLastSlowCloses() {
        SmaCrossover wide = SmaCrossoverTest.strategy(3, 5);
        new StrategyHarness(wide).feed(Candles.closes("1", "2", "3", "4", "5", "6"));
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
            SmaCrossoverTest.strategy(2, 3).restore(snapshot, "1.0.0");
            fail("accepted " + snapshot);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }
}
