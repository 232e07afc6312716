package io.botfleet.backtest.dataset;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A column of exact decimals stored as unscaled {@code long}s at one scale: the largest scale of
 * any value added (a value with more fraction digits than the ones before rescales the column,
 * which real price series do at most a few times). Eight bytes a value, no object per value, and
 * written and read as a block. A value whose unscaled form does not fit a {@code long} at the
 * column's scale is refused: no price or volume of a real market comes near it.
 */
final class DecimalColumn {

    private long[] unscaled;
    private int scale;
    private int size;

    DecimalColumn(int capacity) {
        this.unscaled = new long[Math.max(16, capacity)];
    }

    DecimalColumn(long[] unscaled, int scale) {
        this.unscaled = unscaled;
        this.scale = scale;
        this.size = unscaled.length;
    }

    /**
     * Appends {@code value} exactly.
     *
     * @throws ArithmeticException when it does not fit the column's form
     */
    void add(BigDecimal value) {
        if (value.scale() > scale) {
            rescale(value.scale());
        }
        long v = value.setScale(scale).unscaledValue().longValueExact();
        if (size == unscaled.length) {
            unscaled = Arrays.copyOf(unscaled, size + (size >> 1));
        }
        unscaled[size++] = v;
    }

    private void rescale(int newScale) {
        long factor = BigDecimal.ONE.scaleByPowerOfTen(newScale - scale).longValueExact();
        for (int i = 0; i < size; i++) {
            unscaled[i] = Math.multiplyExact(unscaled[i], factor);
        }
        scale = newScale;
    }

    BigDecimal get(int i) {
        return BigDecimal.valueOf(unscaled[i], scale);
    }

    long unscaled(int i) {
        return unscaled[i];
    }

    int scale() {
        return scale;
    }

    int size() {
        return size;
    }

    /** The first {@link #size()} values, unscaled (a copy only when the array has spare room). */
    long[] values() {
        return size == unscaled.length ? unscaled : Arrays.copyOf(unscaled, size);
    }
}
