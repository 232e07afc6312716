package io.botfleet.runtime.bot;

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
 */
public record RuntimeSettings(int checkpointEveryCandles, int maxStrategyFaults, int autoRollbackFaults,
                              int autoRollbackWindow, double feedStaleIntervals) {

    public static final RuntimeSettings DEFAULTS = new RuntimeSettings(100, 10, 3, 20, 3);
}
