package io.botfleet.exchange.paper;

import static io.botfleet.exchange.paper.Fixture.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SyntheticTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static MarketSource.Synthetic walk(long seed) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("account", "demo");
        raw.put("synthetic.seed", seed);
        return (MarketSource.Synthetic) PaperConfig.parse(raw, Path.of("")).source();
    }

    private static List<Candle> first(SyntheticSeries series, int n) {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            candles.add(series.get(i));
        }
        return candles;
    }

    @Test
    public void oneSeedIsOneWalk() {
        assertEquals(first(new SyntheticSeries(walk(7)), 500), first(new SyntheticSeries(walk(7)), 500));
        assertNotEquals(first(new SyntheticSeries(walk(7)), 50), first(new SyntheticSeries(walk(8)), 50));
    }

    @Test
    public void candlesAreWellFormedAndAMinuteApart() {
        List<Candle> candles = first(new SyntheticSeries(walk(42)), 2000);
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            assertEquals(PaperConfig.DEFAULT_SYNTHETIC_START.plusSeconds(60L * i), c.openTime());
            assertTrue(c.high().compareTo(c.open().max(c.close())) >= 0);
            assertTrue(c.low().compareTo(c.open().min(c.close())) <= 0);
            assertTrue(c.close().scale() <= 2);
            if (i > 0) {
                assertEquals(candles.get(i - 1).close(), c.open());
            }
        }
    }

    @Test
    public void oldCandlesAreTheSameWhenRegenerated() {
        SyntheticSeries series = new SyntheticSeries(walk(3));
        Candle early = series.get(10);
        series.get(20_000);                  // far beyond the cache
        assertEquals(early, series.get(10));
        assertEquals(20_001, series.firstAfter(series.get(20_000).openTime()));
        assertEquals(0, series.firstAfter(Instant.EPOCH));
    }

    /** The demo should trade within seconds: a 5/20 SMA must cross often. */
    @Test
    public void aFiveTwentyAverageCrossesOften() {
        List<Candle> candles = first(new SyntheticSeries(walk(42)), 1000);
        int crosses = 0;
        int previous = 0;
        for (int i = 19; i < candles.size(); i++) {
            BigDecimal fast = BigDecimal.ZERO;
            BigDecimal slow = BigDecimal.ZERO;
            for (int j = i - 19; j <= i; j++) {
                slow = slow.add(candles.get(j).close());
                if (j > i - 5) {
                    fast = fast.add(candles.get(j).close());
                }
            }
            int relation = fast.multiply(BigDecimal.valueOf(20))
                    .compareTo(slow.multiply(BigDecimal.valueOf(5)));
            if (previous != 0 && relation != 0 && relation != previous) {
                crosses++;
            }
            previous = relation == 0 ? previous : relation;
        }
        assertTrue("only " + crosses + " crosses in 1000 candles", crosses >= 20);
    }

    @Test
    public void aSyntheticAccountStreamsLiveAtItsSpeedAndResumes() throws Exception {
        Map<String, Object> raw = new HashMap<>();
        raw.put("account", "demo");
        raw.put("balance.USDT", "10000");
        raw.put("synthetic.speed", "6000");   // a 1m candle every 10 ms
        try (PaperExchange paper = new PaperExchange(raw, temp.getRoot().toPath())) {
            assertEquals(new BigDecimal("0.01"), await(paper.instrument("BTCUSDT")).tickSize());
            assertTrue("no history before the walk starts", await(paper.candleHistory("BTCUSDT",
                    Interval.M1, Instant.EPOCH, Instant.now())).isEmpty());
            Steps steps = new Steps();
            Instant after = PaperConfig.DEFAULT_SYNTHETIC_START.plusSeconds(60 * 99);
            paper.subscribeCandles("BTCUSDT", Interval.M1, after, steps);
            Steps.Step step = steps.next();
            assertEquals(after.plusSeconds(60), step.candle().openTime());
            assertEquals(new SyntheticSeries(walk(42)).get(100), step.candle());
            assertFalse(step.catchUp());
            step.done();
            steps.next().done();
            List<Candle> history = await(paper.candleHistory("BTCUSDT", Interval.M1,
                    Instant.EPOCH, Instant.now()));
            assertTrue("history reaches the market's present",
                    history.get(history.size() - 1).openTime().isAfter(after));
        }
    }
}
