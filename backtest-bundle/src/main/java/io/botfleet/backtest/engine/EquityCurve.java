package io.botfleet.backtest.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Equity at every candle close of a run, exact: the quote balance plus the base balance marked at
 * the close. Point 0 is the opening balances marked at the first candle's close (time: that
 * candle's open time, before anything was traded); point {@code k} (k &ge; 1) is after candle
 * {@code k-1} and its fills, stamped with that candle's close time.
 */
public final class EquityCurve {

    private final long[] times;
    private final BigDecimal[] values;
    private int size;

    EquityCurve(int capacity) {
        times = new long[capacity];
        values = new BigDecimal[capacity];
    }

    /** A curve of given points, for reports of hand-made series. */
    public static EquityCurve of(Instant[] times, BigDecimal[] values) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
        EquityCurve curve = new EquityCurve(times.length);
        for (int i = 0; i < times.length; i++) {
            curve.add(times[i].toEpochMilli(), values[i]);
        }
        return curve;
    }

    void add(long timeMillis, BigDecimal equity) {
        times[size] = timeMillis;
        values[size] = equity;
        size++;
    }

    public int size() {
        return size;
    }

    public Instant time(int i) {
        return Instant.ofEpochMilli(timeMillis(i));
    }

    long timeMillis(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return times[i];
    }

    public BigDecimal value(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }
}
