package io.botfleet.strategy.sma;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * The window's relation against the plain definition (exact decimal sums of the last fast and
 * slow closes, compared by cross-multiplication) on closes of mixed scales, closes that need a
 * larger scale for the window, and closes too long for the long sums.
 */
public class MovingSumsTest {

    @Test
    public void agreesWithExactSumsOnMixedScales() {
        Random random = new Random(3);
        List<BigDecimal> closes = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // mostly ties and near-ties: a few values at scales 0..4 and trailing zeros
            long unscaled = 1 + random.nextInt(40);
            int scale = random.nextInt(5);
            closes.add(BigDecimal.valueOf(unscaled * (random.nextBoolean() ? 1 : 10), scale));
        }
        assertAgrees(3, 7, closes);
        assertAgrees(1, 2, closes);
        assertAgrees(10, 30, closes);
    }

    @Test
    public void agreesWhenAValueNoLongerFitsALong() {
        List<BigDecimal> closes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            closes.add(new BigDecimal(i % 3 == 0 ? "2.5" : "2.50"));
        }
        // 19 digits before the point at scale 2: the sums go on as decimals from here
        closes.add(new BigDecimal("9223372036854775807.25"));
        for (int i = 0; i < 40; i++) {
            closes.add(new BigDecimal(i % 2 == 0 ? "1.125" : "3E+2"));
        }
        assertAgrees(2, 5, closes);
    }

    @Test
    public void agreesWhenAScaleWouldNotFit() {
        List<BigDecimal> closes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            closes.add(new BigDecimal("123456789.5"));
        }
        closes.add(new BigDecimal("0.0000000000000000001")); // scale 19
        for (int i = 0; i < 20; i++) {
            closes.add(new BigDecimal("123456789.5"));
        }
        assertAgrees(2, 4, closes);
    }

    private static void assertAgrees(int fast, int slow, List<BigDecimal> closes) {
        MovingSums sums = new MovingSums(fast, slow);
        for (int i = 0; i < closes.size(); i++) {
            sums.add(closes.get(i));
            if (i + 1 >= slow) {
                assertEquals("relation after close " + i, expected(fast, slow, closes, i), sums.fastVersusSlow());
                assertEquals(closes.subList(i + 1 - slow, i + 1), sums.closes());
            }
        }
    }

    private static int expected(int fast, int slow, List<BigDecimal> closes, int last) {
        BigDecimal fastSum = BigDecimal.ZERO;
        BigDecimal slowSum = BigDecimal.ZERO;
        for (int k = last - slow + 1; k <= last; k++) {
            slowSum = slowSum.add(closes.get(k));
            if (k > last - fast) {
                fastSum = fastSum.add(closes.get(k));
            }
        }
        return Integer.signum(fastSum.multiply(BigDecimal.valueOf(slow)).compareTo(slowSum.multiply(BigDecimal.valueOf(fast))));
    }
}
