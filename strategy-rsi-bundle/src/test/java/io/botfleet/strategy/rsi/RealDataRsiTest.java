package io.botfleet.strategy.rsi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.testdata.CandleFiles;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.testkit.RecordedSignal;
import io.botfleet.testkit.StrategyContract;
import io.botfleet.testkit.StrategyHarness;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The strategy against an independent plain loop over the real closes of the test data: the
 * loop recomputes the gains and losses of the window from scratch on every candle and divides
 * (RSI = 100 * avgGain / (avgGain + avgLoss), to 34 significant digits), where the strategy
 * keeps running sums and never divides.
 */
public class RealDataRsiTest {

    /** A signal as the plain loop states it: its candle and its type. */
    record Emitted(Instant openTime, SignalType type) {
        static Emitted of(RecordedSignal signal) {
            return new Emitted(signal.candleOpenTime(), signal.type());
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static List<Candle> btc;
    private static List<Candle> eth;

    @BeforeClass
    public static void load() {
        btc = CandleCsv.read(CandleFiles.open(CandleFiles.UNITTEST_BTC), CandleFiles.UNITTEST_BTC,
                "BTCUSDT", Interval.M1);
        eth = CandleCsv.read(CandleFiles.open(CandleFiles.ETH_BTC), CandleFiles.ETH_BTC,
                "ETHBTC", Interval.M1);
    }

    @Test
    public void theDefaultsMatchThePlainLoopOnBothFiles() {
        List<Emitted> expected = plainLoop(btc, 14, "30", "70");
        assertTrue("the file should give many trades, found " + expected.size(),
                expected.size() > 100);
        assertEquals(expected, run(btc, 14, "30", "70"));
        assertEquals(plainLoop(eth, 14, "30", "70"), run(eth, 14, "30", "70"));
    }

    @Test
    public void otherSettingsMatchThePlainLoop() {
        for (Object[] s : new Object[][] {{2, "30", "70"}, {6, "20", "80"}, {50, "45.5", "54.5"}}) {
            int period = (Integer) s[0];
            assertEquals("period/lower/upper " + period + "/" + s[1] + "/" + s[2],
                    plainLoop(btc, period, (String) s[1], (String) s[2]),
                    run(btc, period, (String) s[1], (String) s[2]));
        }
    }

    /** The tick-sized moves of the BTC file put the 14-candle RSI exactly on a threshold once. */
    @Test
    public void theBtcFileHasAnExactTieThatADivisionWouldHaveToGetRight() {
        assertEquals(1, exactTies(btc, 14, "30", "70"));
    }

    @Test
    public void restoringAnywhereOnTheRealFileGivesTheSameSignals() {
        StrategyContract contract = StrategyContract.of(RsiReversion::new, Map.of());
        contract.assertRestoresAnywhere(btc);
        contract.assertDeterministic(eth);
    }

    private static List<Emitted> run(List<Candle> candles, int period, String lower,
                                     String upper) {
        return new StrategyHarness(RsiReversionTest.strategy(period, lower, upper)).feed(candles)
                .signals().stream().map(Emitted::of).toList();
    }

    /** The rules as stated: a cross needs an RSI at the previous and at this candle. */
    static List<Emitted> plainLoop(List<Candle> candles, int period, String lowerText,
                                   String upperText) {
        BigDecimal lower = new BigDecimal(lowerText);
        BigDecimal upper = new BigDecimal(upperText);
        List<Emitted> signals = new ArrayList<>();
        boolean inPosition = false;
        for (int i = period + 1; i < candles.size(); i++) {
            BigDecimal previous = rsi(candles, i - 1, period);
            BigDecimal current = rsi(candles, i, period);
            if (previous == null || current == null) {
                continue;
            }
            if (!inPosition && previous.compareTo(lower) >= 0 && current.compareTo(lower) < 0) {
                signals.add(new Emitted(candles.get(i).openTime(), SignalType.ENTER_LONG));
                inPosition = true;
            } else if (inPosition && previous.compareTo(upper) <= 0
                    && current.compareTo(upper) > 0) {
                signals.add(new Emitted(candles.get(i).openTime(), SignalType.EXIT_LONG));
                inPosition = false;
            }
        }
        return signals;
    }

    /** Cutler's RSI at candle i from scratch, or null when the window did not move. */
    private static BigDecimal rsi(List<Candle> candles, int i, int period) {
        BigDecimal gains = BigDecimal.ZERO;
        BigDecimal losses = BigDecimal.ZERO;
        for (int j = i - period + 1; j <= i; j++) {
            BigDecimal change = candles.get(j).close().subtract(candles.get(j - 1).close());
            if (change.signum() > 0) {
                gains = gains.add(change);
            } else {
                losses = losses.subtract(change);
            }
        }
        BigDecimal n = BigDecimal.valueOf(period);
        BigDecimal avgGain = gains.divide(n, MathContext.DECIMAL128);
        BigDecimal avgLoss = losses.divide(n, MathContext.DECIMAL128);
        if (avgGain.add(avgLoss).signum() == 0) {
            return null;
        }
        return HUNDRED.multiply(avgGain).divide(avgGain.add(avgLoss), MathContext.DECIMAL128);
    }

    private static int exactTies(List<Candle> candles, int period, String lower, String upper) {
        int ties = 0;
        for (int i = period; i < candles.size(); i++) {
            BigDecimal rsi = rsi(candles, i, period);
            if (rsi != null && (rsi.compareTo(new BigDecimal(lower)) == 0
                    || rsi.compareTo(new BigDecimal(upper)) == 0)) {
                ties++;
            }
        }
        return ties;
    }
}
