package io.botfleet.backtest.dataset;

import java.time.Instant;

/**
 * What a dataset holds: its key, the first and last candle's open time (null when empty), how
 * many candles, and how many gaps ({@link CandleSeries#gaps()}).
 */
public record DatasetSummary(DatasetKey key, Instant from, Instant to, int candles, int gaps) {

    static DatasetSummary of(DatasetKey key, CandleSeries series) {
        int n = series.size();
        return new DatasetSummary(key, n == 0 ? null : series.openTime(0), n == 0 ? null : series.openTime(n - 1), n,
                series.gaps());
    }
}
