package io.botfleet.backtest.dataset;

import io.botfleet.api.market.Candle;
import java.time.Instant;

/**
 * Makes a series' candles one at a time for a run, sharing the decimal objects of values that
 * recur ({@link DecimalCache}): a candle costs its record and its open time, and mostly no
 * decimal. Equal to {@link CandleSeries#candle}'s candles value for value and scale. One reader
 * per run (not thread-safe).
 */
public final class CandleReader {

    private final CandleSeries series;
    private final String symbol;
    private final DecimalCache[] caches;

    CandleReader(CandleSeries series, String symbol) {
        this.series = series;
        this.symbol = symbol;
        this.caches = new DecimalCache[series.columns.length];
        for (int c = 0; c < caches.length; c++) {
            caches[c] = new DecimalCache(series.columns[c].scale());
        }
    }

    /** Candle {@code i}, closed. */
    public Candle candle(int i) {
        DecimalColumn[] columns = series.columns;
        return new Candle(symbol, series.interval, Instant.ofEpochMilli(series.openTimes[i]),
                caches[0].get(columns[0].unscaled(i)), caches[1].get(columns[1].unscaled(i)),
                caches[2].get(columns[2].unscaled(i)), caches[3].get(columns[3].unscaled(i)),
                caches[4].get(columns[4].unscaled(i)), true);
    }

    /** The close of candle {@code i} unscaled, at {@link #closeScale()}: the same value without an object. */
    public long closeUnscaled(int i) {
        return series.columns[3].unscaled(i);
    }

    /** The scale of every close of the series. */
    public int closeScale() {
        return series.columns[3].scale();
    }

    /** The open time of candle {@code i} in Unix milliseconds. */
    public long openTimeMillis(int i) {
        return series.openTimes[i];
    }
}
