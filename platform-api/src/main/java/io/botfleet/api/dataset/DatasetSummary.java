package io.botfleet.api.dataset;

import java.time.Instant;

/**
 * What a dataset holds: its key, the first and last candle's open time (null when empty), how
 * many candles, and how many gaps (places where the next candle opens more than one interval
 * after the one before, each counted once however long).
 */
public record DatasetSummary(DatasetKey key, Instant from, Instant to, int candles, int gaps) {
}
