package io.botfleet.runtime.cluster;

import io.botfleet.api.cluster.ClusterStats;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** This node's lease counters, for {@code /metrics}. Thread-safe. */
final class LeaseFigures {

    private final AtomicLong failovers = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong handedOver = new AtomicLong();
    private final AtomicLong takenOver = new AtomicLong();
    private final DoubleAdder renewMillisTotal = new DoubleAdder();
    private volatile double lastRenewMillis;

    void renewed(long nanos) {
        double millis = nanos / 1_000_000.0;
        lastRenewMillis = millis;
        renewMillisTotal.add(millis);
        renewals.incrementAndGet();
    }

    void tookOver() {
        failovers.incrementAndGet();
    }

    void handedOver() {
        handedOver.incrementAndGet();
    }

    void tookHandedOver() {
        takenOver.incrementAndGet();
    }

    void lost() {
        lost.incrementAndGet();
    }

    ClusterStats snapshot(int leasesHeld) {
        return new ClusterStats(leasesHeld, failovers.get(), lost.get(), renewals.get(), lastRenewMillis,
                renewMillisTotal.sum(), handedOver.get(), takenOver.get());
    }
}
