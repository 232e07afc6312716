package io.botfleet.runtime.bot;

import io.botfleet.runtime.recovery.RestartBackoff;

/**
 * Fleet-wide tunables.
 *
 * @param checkpointEveryCandles a strategy checkpoint after this many candles (plus at every swap
 *                               and stop); bounds the candles replayed after a crash
 * @param maxStrategyFaults      consecutive strategy faults after which a bot goes FAILED
 * @param autoRollbackFaults     faults (K) within the first {@code autoRollbackWindow} events (N)
 *                               after a swap that roll the swap back automatically
 * @param autoRollbackWindow     N, see above
 * @param feedStaleIntervals     a live bot without a candle for this many of its intervals is STALE
 * @param notSentGraceMillis     an order whose placement outcome is unknown is marked NOT_SENT only
 *                               once this long has passed since its send (exchanges list new orders
 *                               with a delay) and two look-ups found nothing
 * @param orderLookupBackoff     the delays between look-ups of an unresolved order (its attempt
 *                               limit is not used: the look-ups go on until the exchange answers)
 */
public record RuntimeSettings(int checkpointEveryCandles, int maxStrategyFaults, int autoRollbackFaults,
                              int autoRollbackWindow, double feedStaleIntervals, long notSentGraceMillis,
                              RestartBackoff orderLookupBackoff) {

    public static final long NOT_SENT_GRACE_MILLIS = 10_000;
    public static final RestartBackoff ORDER_LOOKUP_BACKOFF = new RestartBackoff(1_000, 60_000, Integer.MAX_VALUE);
    public static final RuntimeSettings DEFAULTS = new RuntimeSettings(100, 10, 3, 20, 3, NOT_SENT_GRACE_MILLIS,
            ORDER_LOOKUP_BACKOFF);
}
