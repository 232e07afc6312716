package io.botfleet.backtest.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.function.IntToLongFunction;

/**
 * Equity at every candle close of a run, exact: the quote balance plus the base balance marked at
 * the close. Point 0 is the opening balances marked at the first candle's close (time: that
 * candle's open time, before anything was traded); point {@code k} (k &ge; 1) is after candle
 * {@code k-1} and its fills, stamped with that candle's close time.
 *
 * <p>Kept as columns of primitives (the unscaled value and the scale of each point; the times are
 * the series' own), not an object per point: a year of 1m candles is half a million points, and as objects they all outlived the
 * young generation, so a sweep's runs kept the collector copying them. {@link #value} answers a
 * decimal equal to the one added, value and scale; reading in order, a point equal to the one
 * before it is the same object (what a flat stretch is). Read by one thread at a time.
 */
public final class EquityCurve {

    /** The points' times when given point by point ({@link #of}); null when {@link #timeOf} derives them. */
    private final long[] times;
    private final IntToLongFunction timeOf;
    private final long[] unscaled;
    private final byte[] scales;
    /** Points whose unscaled value or scale do not fit the columns (none in practice), by index. */
    private BigDecimal[] wide;
    private int size;
    /** The last point added, so that a repeated object costs no conversion. */
    private BigDecimal lastAdded;
    /** The last point read and its index, so that an equal next point is answered by the same object. */
    private BigDecimal lastRead;
    private int lastReadIndex = -2;

    private EquityCurve(int capacity, long[] times, IntToLongFunction timeOf) {
        this.times = times;
        this.timeOf = timeOf;
        unscaled = new long[capacity];
        scales = new byte[capacity];
    }

    /**
     * A run's curve over candles whose open times {@code openTime} answers by index, from candle
     * {@code from}: point 0 at candle {@code from}'s open time, point {@code k} at candle
     * {@code from + k - 1}'s close. The times come from the series, not a copy of them.
     */
    static EquityCurve overCandles(int capacity, IntToLongFunction openTime, int from, long stepMillis) {
        return new EquityCurve(capacity, null, k -> k == 0 ? openTime.applyAsLong(from)
                : openTime.applyAsLong(from + k - 1) + stepMillis);
    }

    /** A curve of given points, for reports of hand-made series. */
    public static EquityCurve of(Instant[] times, BigDecimal[] values) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
        EquityCurve curve = new EquityCurve(times.length, new long[times.length], null);
        for (int i = 0; i < times.length; i++) {
            curve.times[i] = times[i].toEpochMilli();
            curve.add(values[i]);
        }
        return curve;
    }

    /** Appends the next point (its time is the series' or the one given to {@link #of}). */
    void add(BigDecimal equity) {
        int i = size;
        if (equity == lastAdded && i > 0 && (wide == null || wide[i - 1] == null)) {
            unscaled[i] = unscaled[i - 1];
            scales[i] = scales[i - 1];
            size++;
        } else {
            BigInteger u = equity.unscaledValue();
            if (u.bitLength() < 64) {
                add(u.longValue(), equity.scale());
            } else {
                addWide(equity);
            }
        }
        lastAdded = equity;
    }

    /** Appends the next point as its unscaled value and scale. */
    void add(long unscaledValue, int scale) {
        if (scale == (byte) scale) {
            unscaled[size] = unscaledValue;
            scales[size] = (byte) scale;
            size++;
        } else {
            addWide(BigDecimal.valueOf(unscaledValue, scale));
        }
        lastAdded = null;
    }

    /** A point the columns cannot hold (none in practice). */
    private void addWide(BigDecimal equity) {
        if (wide == null) {
            wide = new BigDecimal[unscaled.length];
        }
        wide[size++] = equity;
    }

    public int size() {
        return size;
    }

    public Instant time(int i) {
        return Instant.ofEpochMilli(timeMillis(i));
    }

    long timeMillis(int i) {
        if (i >= size || i < 0) {
            throw new IndexOutOfBoundsException(i);
        }
        return times != null ? times[i] : timeOf.applyAsLong(i);
    }

    public BigDecimal value(int i) {
        if (i >= size || i < 0) {
            throw new IndexOutOfBoundsException(i);
        }
        if (wide != null && wide[i] != null) {
            return wide[i];
        }
        if (i == lastReadIndex) {
            return lastRead;
        }
        BigDecimal v = i == lastReadIndex + 1 && sameAsBefore(i) ? lastRead : BigDecimal.valueOf(unscaled[i], scales[i]);
        lastRead = v;
        lastReadIndex = i;
        return v;
    }

    /**
     * Compares points {@code i} and {@code j} by value, as {@link BigDecimal#compareTo}: two longs
     * brought to one scale (a flat account and a held position have different scales), no decimal
     * made unless that does not fit a long.
     */
    int compare(int i, int j) {
        if (wide == null || wide[i] == null && wide[j] == null) {
            int si = scales[i];
            int sj = scales[j];
            if (si == sj) {
                return Long.compare(unscaled[i], unscaled[j]);
            }
            int diff = Math.abs(si - sj);
            if (diff <= PowersOfTen.MAX) {
                long factor = PowersOfTen.of(diff);
                long a = unscaled[i];
                long b = unscaled[j];
                long ha = si < sj ? Math.multiplyHigh(a, factor) : a >> 63;
                long hb = sj < si ? Math.multiplyHigh(b, factor) : b >> 63;
                long la = si < sj ? a * factor : a;
                long lb = sj < si ? b * factor : b;
                // exact 128-bit products: high words signed, low words unsigned
                return ha != hb ? Long.compare(ha, hb) : Long.compareUnsigned(la, lb);
            }
        }
        BigDecimal a = value(i);
        return a.compareTo(value(j));
    }

    /** Whether point {@code i} equals point {@code i - 1}, value and scale (a flat stretch). */
    boolean repeats(int i) {
        return sameAsBefore(i);
    }

    /** Whether point {@code i} equals point {@code i - 1}, value and scale, both in the columns. */
    private boolean sameAsBefore(int i) {
        return i > 0 && unscaled[i] == unscaled[i - 1] && scales[i] == scales[i - 1]
                && (wide == null || wide[i - 1] == null);
    }
}
