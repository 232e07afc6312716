package io.botfleet.runtime.bot;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class LeaseClockTest {

    private static final long LEASE = TimeUnit.SECONDS.toNanos(10);

    @Test
    public void outsideClusterModeEveryOrderGoesOut() {
        LeaseClock clock = new LeaseClock(false);
        assertTrue(clock.maySend("a", System.nanoTime()));
        clock.held("a", 0, LEASE);
        clock.dropped("a");
        assertTrue(clock.maySend("a", Long.MAX_VALUE));
    }

    @Test
    public void aBotSendsOnlyWithinItsLeaseLessATenthCountedFromTheStatement() {
        LeaseClock clock = new LeaseClock(true);
        long sent = -5_000_000_000L; // nanoTime may be negative: only differences count
        assertFalse("no lease taken yet", clock.maySend("a", sent));
        clock.held("a", sent, LEASE);
        assertTrue(clock.maySend("a", sent + TimeUnit.SECONDS.toNanos(8)));
        assertFalse("a tenth of the lease is kept back", clock.maySend("a", sent + TimeUnit.SECONDS.toNanos(9)));
        assertFalse("lapsed: the node was frozen past it", clock.maySend("a", sent + TimeUnit.SECONDS.toNanos(30)));
        assertFalse("another bot holds no lease here", clock.maySend("b", sent));
        clock.held("a", sent + TimeUnit.SECONDS.toNanos(3), LEASE); // the next round renewed it
        assertTrue(clock.maySend("a", sent + TimeUnit.SECONDS.toNanos(11)));
        clock.dropped("a");
        assertFalse("given up or lost", clock.maySend("a", sent + TimeUnit.SECONDS.toNanos(11)));
    }

    @Test
    public void theWindowIsComparedAcrossTheWrapOfNanoTime() {
        LeaseClock clock = new LeaseClock(true);
        long sent = Long.MAX_VALUE - TimeUnit.SECONDS.toNanos(2);
        clock.held("a", sent, LEASE);
        assertTrue(clock.maySend("a", sent + TimeUnit.SECONDS.toNanos(5))); // wrapped past Long.MAX_VALUE
        assertFalse(clock.maySend("a", sent + TimeUnit.SECONDS.toNanos(10)));
    }
}
