package io.botfleet.api.dataset;

import java.time.Instant;

/**
 * A download's progress: its request, its state, where it continues ({@code next}: every candle
 * before it has been fetched), how many candles it fetched so far, and why it failed (null
 * unless {@link State#FAILED}).
 */
public record CandleDownload(CandleDownloadRequest request, State state, Instant next, long candles,
                             String error, Instant updatedAt) {

    public enum State {
        /** Fetching pages (or waiting for the account to come back, or for its rate limit). */
        RUNNING,
        /** Every candle of the range fetched and merged into the dataset. */
        DONE,
        /** Stopped with {@link #error()}; asking for the same download again continues it. */
        FAILED
    }
}
