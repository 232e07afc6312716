package io.botfleet.backtest.dataset;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.time.Instant;
import java.util.Arrays;

/**
 * A dataset's candles in columns: open times in Unix milliseconds and five exact decimal columns
 * (open, high, low, close, volume). Oldest first, strictly increasing times on the interval's
 * grid (what the CSV reader and the builder enforce). Immutable once built; a candle object is
 * made only when asked for one.
 */
public final class CandleSeries {

    final Interval interval;
    final long[] openTimes;
    final DecimalColumn[] columns; // open, high, low, close, volume

    CandleSeries(Interval interval, long[] openTimes, DecimalColumn[] columns) {
        this.interval = interval;
        this.openTimes = openTimes;
        this.columns = columns;
    }

    public Interval interval() {
        return interval;
    }

    public int size() {
        return openTimes.length;
    }

    public Instant openTime(int i) {
        return Instant.ofEpochMilli(openTimes[i]);
    }

    /** Candle {@code i} of {@code symbol}, closed. */
    public Candle candle(int i, String symbol) {
        return new Candle(symbol, interval, openTime(i), columns[0].get(i), columns[1].get(i),
                columns[2].get(i), columns[3].get(i), columns[4].get(i), true);
    }

    /** A reader of this series' candles for one run: the same candles, with fewer objects made. */
    public CandleReader reader(String symbol) {
        return new CandleReader(this, symbol);
    }

    /** The index of the first candle opening at or after {@code time} ({@link #size()} if none). */
    public int indexAtOrAfter(Instant time) {
        int i = Arrays.binarySearch(openTimes, time.toEpochMilli());
        return i >= 0 ? i : -i - 1;
    }

    /**
     * Places where the next candle opens more than one interval after the one before (a venue
     * outage, a download that skipped a range): each counts once, however long it is.
     */
    public int gaps() {
        long step = interval.duration().toMillis();
        int gaps = 0;
        for (int i = 1; i < openTimes.length; i++) {
            if (openTimes[i] - openTimes[i - 1] != step) {
                gaps++;
            }
        }
        return gaps;
    }

    /** Collects candles in order into columns, with no object kept per candle. */
    public static final class Builder {

        private final Interval interval;
        private long[] times;
        private int size;
        private final DecimalColumn[] columns = new DecimalColumn[5];

        public Builder(Interval interval, int capacity) {
            this.interval = interval;
            this.times = new long[Math.max(16, capacity)];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = new DecimalColumn(capacity);
            }
        }

        /**
         * Appends a candle opening after the last one.
         *
         * @throws IllegalArgumentException when it is of another interval, not after the last one,
         *                                  or a value has more digits than the dataset form holds
         */
        public Builder add(Candle c) {
            if (c.interval() != interval) {
                throw new IllegalArgumentException("a " + c.interval().code() + " candle in a " + interval.code()
                        + " dataset");
            }
            long t = c.openTime().toEpochMilli();
            if (size > 0 && t <= times[size - 1]) {
                throw new IllegalArgumentException("open time " + c.openTime() + " is not after "
                        + Instant.ofEpochMilli(times[size - 1]));
            }
            try {
                columns[0].add(c.open());
                columns[1].add(c.high());
                columns[2].add(c.low());
                columns[3].add(c.close());
                columns[4].add(c.volume());
            } catch (ArithmeticException e) {
                // the columns may now differ in length: this builder is done for
                throw new IllegalArgumentException("a value of the candle at " + c.openTime()
                        + " has more digits than a dataset holds (18 significant digits at the column's scale)");
            }
            if (size == times.length) {
                times = Arrays.copyOf(times, size + (size >> 1));
            }
            times[size++] = t;
            return this;
        }

        public int size() {
            return size;
        }

        public CandleSeries build() {
            DecimalColumn[] built = new DecimalColumn[columns.length];
            for (int c = 0; c < columns.length; c++) {
                built[c] = new DecimalColumn(columns[c].values(), columns[c].scale());
            }
            return new CandleSeries(interval, Arrays.copyOf(times, size), built);
        }
    }
}
