package io.botfleet.backtest.dataset;

import java.math.BigDecimal;

/**
 * The decimals of one column's recent values, by unscaled value: a candle made from the column
 * takes a value seen a little before (prices revisit the same ticks all the time, an open is
 * mostly the close before it) instead of a new object. {@link BigDecimal} is immutable, so
 * sharing one is safe. Direct-mapped: a slot holds the last value that hashed to it.
 */
final class DecimalCache {

    private static final int SLOTS = 1024;

    private final int scale;
    private final long[] keys = new long[SLOTS];
    private final BigDecimal[] values = new BigDecimal[SLOTS];

    DecimalCache(int scale) {
        this.scale = scale;
    }

    /** {@code unscaled} at the column's scale: equal in value and scale to {@code BigDecimal.valueOf(unscaled, scale)}. */
    BigDecimal get(long unscaled) {
        int slot = (int) (unscaled ^ (unscaled >>> 32)) & (SLOTS - 1);
        BigDecimal cached = values[slot];
        if (cached != null && keys[slot] == unscaled) {
            return cached;
        }
        BigDecimal value = BigDecimal.valueOf(unscaled, scale);
        keys[slot] = unscaled;
        values[slot] = value;
        return value;
    }
}
