package io.botfleet.backtest.service;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Random;
import org.junit.Test;

public class EquityDownsamplingTest {

    private static BigDecimal[] walk(int n, long seed) {
        Random random = new Random(seed);
        BigDecimal[] values = new BigDecimal[n];
        BigDecimal v = new BigDecimal("100000.00");
        for (int i = 0; i < n; i++) {
            v = v.add(BigDecimal.valueOf(random.nextInt(2001) - 1000, 2));
            values[i] = v;
        }
        return values;
    }

    @Test
    public void eachBucketKeepsItsLowestAndHighestPointInTimeOrder() {
        for (int n : new int[] {101, 1000, 10_007, 525_601}) {
            BigDecimal[] values = walk(n, n);
            int points = 100;
            int[] kept = EquityDownsampling.pick(n, points, i -> values[i]);
            assertTrue(n + ": at most " + points + ", was " + kept.length, kept.length <= points);
            for (int k = 1; k < kept.length; k++) {
                assertTrue("ascending", kept[k] > kept[k - 1]);
            }
            // an independent look at each bucket, as the documentation defines them
            int buckets = points / 2;
            for (int b = 0; b < buckets; b++) {
                int start = (int) ((long) b * n / buckets);
                int end = (int) ((long) (b + 1) * n / buckets);
                BigDecimal min = Arrays.stream(values, start, end).min(BigDecimal::compareTo).orElseThrow();
                BigDecimal max = Arrays.stream(values, start, end).max(BigDecimal::compareTo).orElseThrow();
                long inBucket = Arrays.stream(kept).filter(i -> i >= start && i < end).count();
                assertTrue("bucket " + b + " keeps one or two points", inBucket >= 1 && inBucket <= 2);
                assertTrue("bucket " + b + " keeps its min", Arrays.stream(kept)
                        .anyMatch(i -> i >= start && i < end && values[i].compareTo(min) == 0));
                assertTrue("bucket " + b + " keeps its max", Arrays.stream(kept)
                        .anyMatch(i -> i >= start && i < end && values[i].compareTo(max) == 0));
            }
            BigDecimal globalMin = Arrays.stream(values).min(BigDecimal::compareTo).orElseThrow();
            BigDecimal globalMax = Arrays.stream(values).max(BigDecimal::compareTo).orElseThrow();
            assertTrue(Arrays.stream(kept).anyMatch(i -> values[i].compareTo(globalMin) == 0));
            assertTrue(Arrays.stream(kept).anyMatch(i -> values[i].compareTo(globalMax) == 0));
        }
    }

    @Test
    public void aFlatBucketKeepsOnePointAndAShortCurveIsKeptWhole() {
        BigDecimal[] flat = new BigDecimal[1000];
        Arrays.fill(flat, BigDecimal.TEN);
        assertEquals(10, EquityDownsampling.pick(1000, 20, i -> flat[i]).length);
        assertArrayEquals(new int[] {0, 1, 2}, EquityDownsampling.pick(3, 10, i -> flat[i]));
        assertArrayEquals(new int[] {0, 1, 2, 3}, EquityDownsampling.pick(4, 4, i -> flat[i]));
    }
}
