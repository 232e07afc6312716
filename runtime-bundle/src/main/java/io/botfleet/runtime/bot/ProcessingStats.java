package io.botfleet.runtime.bot;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Component;

/**
 * Fleet-wide processing figures the metrics endpoint exports: the latency of each mailbox event
 * (fixed buckets, lock-free, so recording costs a few nanoseconds on the hot path) and swap
 * outcomes.
 */
@Component(service = ProcessingStats.class)
public class ProcessingStats {

    /** Upper bounds of the latency buckets, in seconds (Prometheus {@code le}); +Inf is implicit. */
    private static final double[] BOUNDS = {
        0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 0.5, 1, 2.5
    };
    private static final long[] BOUNDS_NANOS = new long[BOUNDS.length];

    static {
        for (int i = 0; i < BOUNDS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(BOUNDS[i] * 1e9);
        }
    }

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
    private final LongAdder sumNanos = new LongAdder();
    private final AtomicLongArray pauseBuckets = new AtomicLongArray(BOUNDS.length + 1);
    private final LongAdder pauseSumNanos = new LongAdder();
    private final LongAdder swapsOk = new LongAdder();
    private final LongAdder swapsFailed = new LongAdder();
    private final LongAdder abandonedCalls = new LongAdder();

    /** Records how long one mailbox event took to process. */
    public void recordEvent(long nanos) {
        buckets.incrementAndGet(bucket(nanos));
        sumNanos.add(nanos);
    }

    /**
     * Records the pause a bot saw during a swap: from the swap request entering its mailbox to
     * the first candle processed by the new version.
     */
    public void recordSwapPause(long nanos) {
        pauseBuckets.incrementAndGet(bucket(nanos));
        pauseSumNanos.add(nanos);
    }

    private static int bucket(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        return i;
    }

    public void recordSwap(boolean ok) {
        (ok ? swapsOk : swapsFailed).increment();
    }

    /** A strategy call ran over its time or allocation limit and was abandoned. */
    public void recordAbandonedCall() {
        abandonedCalls.increment();
    }

    /** A consistent-enough copy for one scrape (buckets are read one by one, never torn). */
    public Snapshot snapshot() {
        return new Snapshot(BOUNDS.clone(), cumulative(buckets), sumNanos.sum() / 1e9, swapsOk.sum(),
                swapsFailed.sum(), cumulative(pauseBuckets), pauseSumNanos.sum() / 1e9, abandonedCalls.sum());
    }

    private static long[] cumulative(AtomicLongArray counts) {
        long[] cumulative = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < cumulative.length; i++) {
            running += counts.get(i);
            cumulative[i] = running;
        }
        return cumulative;
    }

    /**
     * @param boundsSeconds     bucket upper bounds; {@code cumulativeCounts} has one more entry (+Inf)
     * @param cumulativeCounts  events at or below each bound, the last being the total count
     * @param sumSeconds        total processing time
     * @param swapsOk           successful swaps and rollbacks
     * @param swapsFailed       refused or failed swaps
     * @param swapPauseCounts   swap pauses at or below each bound (same bounds), the last the total
     * @param swapPauseSeconds  total swap pause time
     * @param abandonedCalls    strategy calls abandoned over their time or allocation limit
     */
    public record Snapshot(double[] boundsSeconds, long[] cumulativeCounts, double sumSeconds,
                           long swapsOk, long swapsFailed, long[] swapPauseCounts, double swapPauseSeconds,
                           long abandonedCalls) {

        public long count() {
            return cumulativeCounts[cumulativeCounts.length - 1];
        }
    }
}
