package io.botfleet.runtime.bot;

import io.botfleet.api.admin.FleetStatistics;
import io.botfleet.api.admin.ProcessingFigures;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Component;

/**
 * Fleet-wide processing figures the metrics endpoint exports: the latency of each mailbox event,
 * the pause of each swap and each candle's time to its first order (fixed buckets, lock-free, so
 * recording costs a few nanoseconds on the hot path), and swap outcomes.
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

    private final Latencies events = new Latencies();
    private final Latencies swapPauses = new Latencies();
    private final Latencies candleToOrder = new Latencies();
    private final LongAdder swapsOk = new LongAdder();
    private final LongAdder swapsFailed = new LongAdder();
    private final LongAdder abandonedCalls = new LongAdder();

    /** Records how long one mailbox event took to process. */
    public void recordEvent(long nanos) {
        events.record(nanos);
    }

    /**
     * Records the pause a bot saw during a swap: from the swap request entering its mailbox to
     * the first candle processed by the new version.
     */
    public void recordSwapPause(long nanos) {
        swapPauses.record(nanos);
    }

    /**
     * Records a candle's time to its first order: from the feed handing the candle to the bot to
     * the order going to the exchange adapter (mailbox wait, decision, the intent's durable
     * commit).
     */
    public void recordCandleToOrder(long nanos) {
        candleToOrder.record(nanos);
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
        return new ProcessingFigures(BOUNDS.clone(), events.cumulative(), events.sumSeconds(), swapsOk.sum(),
                swapsFailed.sum(), swapPauses.cumulative(), swapPauses.sumSeconds(), abandonedCalls.sum(),
                candleToOrder.cumulative(), candleToOrder.sumSeconds());
    }

    /** One histogram over {@link #BOUNDS}: a count per bucket (+Inf last) and the sum. */
    private static final class Latencies {

        private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
        private final LongAdder sumNanos = new LongAdder();

        void record(long nanos) {
            int i = 0;
            while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
                i++;
            }
            buckets.incrementAndGet(i);
            sumNanos.add(nanos);
        }

        long[] cumulative() {
            long[] cumulative = new long[buckets.length()];
            long running = 0;
            for (int i = 0; i < cumulative.length; i++) {
                running += buckets.get(i);
                cumulative[i] = running;
            }
            return cumulative;
        }

        double sumSeconds() {
            return sumNanos.sum() / 1e9;
        }
    }
}
