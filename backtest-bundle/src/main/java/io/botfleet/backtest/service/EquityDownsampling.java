package io.botfleet.backtest.service;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Thins an equity curve for a chart without hiding its extremes: the curve is cut into
 * {@code points / 2} buckets of consecutive points (sizes differing by at most one) and each
 * bucket keeps its lowest and its highest point (the first of equal ones), in time order; one
 * point when they are the same. A curve of at most {@code points} points is kept whole.
 */
public final class EquityDownsampling {

    private EquityDownsampling() {
    }

    /**
     * @param size   points in the curve
     * @param points the most to keep, &ge; 2
     * @param value  the curve's value at an index
     * @return the indices kept, ascending
     */
    public static int[] pick(int size, int points, IntFunction<BigDecimal> value) {
        if (points < 2) {
            throw new IllegalArgumentException("points must be >= 2, was " + points);
        }
        if (size <= points) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int buckets = points / 2;
        int[] kept = new int[buckets * 2];
        int count = 0;
        for (int b = 0; b < buckets; b++) {
            int start = (int) ((long) b * size / buckets);
            int end = (int) ((long) (b + 1) * size / buckets);
            int min = start;
            int max = start;
            BigDecimal lowest = value.apply(start);
            BigDecimal highest = lowest;
            BigDecimal previous = lowest;
            for (int i = start + 1; i < end; i++) {
                BigDecimal v = value.apply(i);
                if (v == previous) {
                    // the same object again (a flat stretch shares one): it lies within the
                    // extremes already, so comparing it would change nothing
                    continue;
                }
                previous = v;
                if (v.compareTo(lowest) < 0) {
                    lowest = v;
                    min = i;
                } else if (v.compareTo(highest) > 0) {
                    highest = v;
                    max = i;
                }
            }
            kept[count++] = Math.min(min, max);
            if (min != max) {
                kept[count++] = Math.max(min, max);
            }
        }
        return Arrays.copyOf(kept, count);
    }
}
