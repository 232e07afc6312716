package io.botfleet.runtime.bot;

import io.botfleet.api.admin.FleetStatistics;
import io.botfleet.api.admin.ProcessingFigures;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Component;

/**
 * Fleet-wide processing figures the metrics endpoint exports: the latency of each mailbox event
 * (fixed buckets, lock-free, so recording costs a few nanoseconds on the hot path) and swap
 * outcomes.
 */
@Component(service = {ProcessingStats.class, FleetStatistics.class})
public class ProcessingStats implements FleetStatistics {

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
    @Override
    public ProcessingFigures snapshot() {
        return new ProcessingFigures(BOUNDS.clone(), cumulative(buckets), sumNanos.sum() / 1e9, swapsOk.sum(),
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
}
