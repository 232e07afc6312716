package io.botfleet.api.admin;

/**
 * The runtime's processing figures at one moment: mailbox event latency, swap pauses and
 * candle-to-order latency as cumulative histograms over the same bucket bounds, and swap and
 * abandoned-call counts.
 *
 * @param boundsSeconds     bucket upper bounds; {@code cumulativeCounts} has one more entry (+Inf)
 * @param cumulativeCounts  events at or below each bound, the last being the total count
 * @param sumSeconds        total processing time
 * @param swapsOk           successful swaps and rollbacks
 * @param swapsFailed       refused or failed swaps
 * @param swapPauseCounts   swap pauses at or below each bound (same bounds), the last the total
 * @param swapPauseSeconds  total swap pause time
 * @param abandonedCalls    strategy calls abandoned over their time or allocation limit
 * @param candleToOrderCounts  candles with orders whose first order went to the exchange adapter
 *                             within each bound of the candle reaching the bot (same bounds), the
 *                             last the total
 * @param candleToOrderSeconds total of those times
 */
public record ProcessingFigures(double[] boundsSeconds, long[] cumulativeCounts, double sumSeconds,
                                long swapsOk, long swapsFailed, long[] swapPauseCounts, double swapPauseSeconds,
                                long abandonedCalls, long[] candleToOrderCounts,
                                double candleToOrderSeconds) {

    /** Events recorded. */
    public long count() {
        return cumulativeCounts[cumulativeCounts.length - 1];
    }

    /** Candles timed from their arrival to their first order. */
    public long candleToOrderCount() {
        return candleToOrderCounts[candleToOrderCounts.length - 1];
    }
}
