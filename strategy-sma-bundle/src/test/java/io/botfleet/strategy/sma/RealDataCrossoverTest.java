package io.botfleet.strategy.sma;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.testdata.CandleFiles;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.testkit.RecordedSignal;
import io.botfleet.testkit.StrategyHarness;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The strategy against an independent plain loop over the real closes of the test data:
 * the loop recomputes both sums from scratch on every bar, in exact decimal arithmetic.
 */
public class RealDataCrossoverTest {

    private static List<Candle> btc;
    private static List<Candle> eth;

    /** A signal as the plain loop states it: its candle and its type. */
    record Emitted(Instant openTime, SignalType type) {
        static Emitted of(RecordedSignal signal) {
            return new Emitted(signal.candleOpenTime(), signal.type());
        }
    }

    @BeforeClass
    public static void load() {
        btc = realFile(CandleFiles.UNITTEST_BTC, "BTCUSDT");
        eth = realFile(CandleFiles.ETH_BTC, "ETHBTC");
    }

    static List<Candle> realFile(String name, String symbol) {
        return CandleCsv.read(CandleFiles.open(name), name, symbol, Interval.M1);
    }

    @Test
    public void btcTenThirtyMatchesThePlainLoop() {
        List<Emitted> expected = plainLoop(btc, 10, 30);
        assertTrue("the file should cross many times, found " + expected.size(),
                expected.size() > 100);
        assertEquals(expected, run(btc, 10, 30));
    }

    @Test
    public void ethTenThirtyMatchesThePlainLoop() {
        assertEquals(plainLoop(eth, 10, 30), run(eth, 10, 30));
    }

    @Test
    public void otherLengthsMatchThePlainLoop() {
        for (int[] lengths : new int[][] {{1, 2}, {5, 20}, {50, 200}}) {
            assertEquals("fast/slow " + lengths[0] + "/" + lengths[1],
                    plainLoop(btc, lengths[0], lengths[1]), run(btc, lengths[0], lengths[1]));
        }
    }

    /** Why the sums are exact: a double running sum shifts a real signal on this very file. */
    @Test
    public void aDoubleRunningSumWouldGetThisFileWrong() {
        List<Emitted> exact = plainLoop(btc, 10, 30);
        List<Emitted> drifting = doubleRunningSum(btc, 10, 30);
        assertNotEquals(exact, drifting);
        List<Emitted> onlyExact = new ArrayList<>(exact);
        onlyExact.removeAll(drifting);
        List<Emitted> onlyDouble = new ArrayList<>(drifting);
        onlyDouble.removeAll(exact);
        // Exactly one exit moves, by one bar: the drift is tiny, and that is the danger.
        assertEquals(1, onlyExact.size());
        assertEquals(1, onlyDouble.size());
        assertEquals(SignalType.EXIT_LONG, onlyExact.get(0).type());
        assertEquals(SignalType.EXIT_LONG, onlyDouble.get(0).type());
        assertEquals(Duration.ofMinutes(1), Duration.between(onlyDouble.get(0).openTime(),
                onlyExact.get(0).openTime()));
    }

    private static List<Emitted> run(List<Candle> candles, int fast, int slow) {
        SmaCrossover strategy = new SmaCrossover();
        strategy.configure(Map.of("fast", fast, "slow", slow));
        return new StrategyHarness(strategy).feed(candles).signals().stream().map(Emitted::of)
                .toList();
    }

    /** The rules as the issue states them, with both sums recomputed from scratch per bar. */
    static List<Emitted> plainLoop(List<Candle> candles, int fast, int slow) {
        List<Emitted> signals = new ArrayList<>();
        boolean inPosition = false;
        for (int i = slow; i < candles.size(); i++) {
            int previous = relation(candles, i - 1, fast, slow);
            int current = relation(candles, i, fast, slow);
            if (!inPosition && previous <= 0 && current > 0) {
                signals.add(new Emitted(candles.get(i).openTime(), SignalType.ENTER_LONG));
                inPosition = true;
            } else if (inPosition && previous >= 0 && current < 0) {
                signals.add(new Emitted(candles.get(i).openTime(), SignalType.EXIT_LONG));
                inPosition = false;
            }
        }
        return signals;
    }

    /** sign(fastAvg - slowAvg) at bar i, as sign(sumFast/fast - sumSlow/slow), exactly. */
    private static int relation(List<Candle> candles, int i, int fast, int slow) {
        BigDecimal sumFast = sum(candles, i - fast + 1, i);
        BigDecimal sumSlow = sum(candles, i - slow + 1, i);
        return sumFast.multiply(BigDecimal.valueOf(slow))
                .subtract(sumSlow.multiply(BigDecimal.valueOf(fast))).signum();
    }

    private static BigDecimal sum(List<Candle> candles, int from, int to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = from; j <= to; j++) {
            sum = sum.add(candles.get(j).close());
        }
        return sum;
    }

    /** What a naive implementation does: double running sums, averages by division. */
    private static List<Emitted> doubleRunningSum(List<Candle> candles, int fast, int slow) {
        List<Emitted> signals = new ArrayList<>();
        double[] closes = candles.stream().mapToDouble(c -> c.close().doubleValue()).toArray();
        double sumFast = 0;
        double sumSlow = 0;
        int previous = 0;
        boolean inPosition = false;
        for (int i = 0; i < closes.length; i++) {
            sumFast += closes[i];
            sumSlow += closes[i];
            if (i >= fast) {
                sumFast -= closes[i - fast];
            }
            if (i >= slow) {
                sumSlow -= closes[i - slow];
            }
            if (i < slow - 1) {
                continue;
            }
            int current = Double.compare(sumFast / fast, sumSlow / slow);
            if (i >= slow) {
                if (!inPosition && previous <= 0 && current > 0) {
                    signals.add(new Emitted(candles.get(i).openTime(), SignalType.ENTER_LONG));
                    inPosition = true;
                } else if (inPosition && previous >= 0 && current < 0) {
                    signals.add(new Emitted(candles.get(i).openTime(), SignalType.EXIT_LONG));
                    inPosition = false;
                }
            }
            previous = current;
        }
        return signals;
    }
}
