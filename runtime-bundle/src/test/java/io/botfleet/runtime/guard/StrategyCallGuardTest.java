package io.botfleet.runtime.guard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class StrategyCallGuardTest {

    private ScheduledExecutorService timer;
    private ThreadPoolExecutor pool;
    private PoolCompensation compensation;
    private StrategyCallGuard guard;
    private final CompletableFuture<String> runaway = new CompletableFuture<>();
    private final StrategyCallGuard.Owner owner = runaway::complete;

    @Before
    public void setUp() {
        timer = Executors.newSingleThreadScheduledExecutor();
        pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        compensation = new PoolCompensation(pool, 4);
        guard = new StrategyCallGuard(new StrategyCallGuard.Limits(200, 32L << 20, 200), compensation, timer);
    }

    @After
    public void tearDown() {
        guard.close();
        timer.shutdownNow();
        pool.shutdownNow();
    }

    /** Runs {@code body} as a guarded call on the pool; completes with what the call's exit threw, or null. */
    private CompletableFuture<Throwable> guarded(Runnable body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                StrategyCallGuard.Slot slot = guard.enter(owner, "onCandle");
                try {
                    body.run();
                } finally {
                    guard.exit(slot);
                }
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, pool);
    }

    @Test
    public void quickCallsPassUntouched() throws Exception {
        for (int i = 0; i < 1000; i++) {
            assertNull(guarded(() -> { }).get(5, TimeUnit.SECONDS));
        }
        Thread.sleep(100); // several scans
        assertTrue(!runaway.isDone());
        assertEquals(0, compensation.extraThreads());
    }

    @Test
    public void aCallThatSleepsTooLongIsAbandonedInterruptedAndItsWorkDropped() throws Exception {
        CompletableFuture<Throwable> call = guarded(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // a strategy that swallows the interrupt and returns late
            }
        });
        String what = runaway.get(10, TimeUnit.SECONDS);
        assertTrue(what, what.contains("ran longer than 200 ms in onCandle"));
        Throwable thrown = call.get(10, TimeUnit.SECONDS);
        assertTrue(String.valueOf(thrown), thrown instanceof AbandonedCall);
        assertEquals("the stand-in thread is given back", 0, compensation.extraThreads());
        assertEquals(2, pool.getCorePoolSize());
    }

    @Test
    public void aBusyLoopIsStoppedAfterTheGracePeriodAndThePoolKeepsItsCapacityMeanwhile() throws Exception {
        CountDownLatch spinning = new CountDownLatch(1);
        CompletableFuture<Throwable> call = guarded(() -> {
            spinning.countDown();
            long x = 1;
            while (x != 0) { // ignores interrupts: only a stop ends it
                x = x * 6364136223846793005L + 1442695040888963407L;
                if (x == 42) {
                    x = 1;
                }
            }
        });
        spinning.await();
        assertNotNull(runaway.get(10, TimeUnit.SECONDS));
        // meanwhile both of the pool's slots still serve other work
        CompletableFuture<?> a = CompletableFuture.runAsync(() -> { }, pool);
        CompletableFuture<?> b = CompletableFuture.runAsync(() -> { }, pool);
        CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);
        Throwable thrown = call.get(10, TimeUnit.SECONDS);
        assertTrue(String.valueOf(thrown), thrown instanceof AbandonedCall);
        assertEquals(0, guard.stuckThreads());
        assertEquals(0, compensation.extraThreads());
    }

    @Test
    public void aHoarderIsStoppedBeforeItTakesTheHeap() throws Exception {
        // Only the allocation limit may trip here: with the 200 ms limit of the other tests, a
        // hoarder starved of CPU on a busy machine is abandoned for its time first, which is right
        // for the guard but not what this test is about.
        guard.close();
        guard = new StrategyCallGuard(new StrategyCallGuard.Limits(60_000, 32L << 20, 200), compensation, timer);
        CompletableFuture<Throwable> call = guarded(() -> {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[128 * 1024]); // 1 MiB a turn, all kept
            }
        });
        String what = runaway.get(10, TimeUnit.SECONDS);
        assertTrue(what, what.contains("allocated more than 32 MiB in one call"));
        Throwable thrown = call.get(10, TimeUnit.SECONDS);
        assertTrue(String.valueOf(thrown), thrown instanceof AbandonedCall);
    }

    @Test
    public void aThreadIsReusedForTheNextCallAfterItsAbandonedOneReturns() throws Exception {
        ThreadPoolExecutor single = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            CompletableFuture<Throwable> late = CompletableFuture.supplyAsync(() -> {
                StrategyCallGuard.Slot slot = guard.enter(owner, "onFill");
                try {
                    Thread.sleep(600);
                } catch (InterruptedException e) {
                    // swallowed
                } finally {
                    try {
                        guard.exit(slot);
                    } catch (AbandonedCall expected) {
                        return expected;
                    }
                }
                return null;
            }, single);
            assertTrue(late.get(10, TimeUnit.SECONDS) instanceof AbandonedCall);
            Throwable next = CompletableFuture.supplyAsync(() -> {
                StrategyCallGuard.Slot slot = guard.enter(owner, "onCandle");
                guard.exit(slot);
                return (Throwable) null;
            }, single).get(10, TimeUnit.SECONDS);
            assertNull(next);
        } finally {
            single.shutdownNow();
        }
    }

    @Test(expected = IllegalArgumentException.class)
    public void limitsMustBePositive() {
        new StrategyCallGuard.Limits(0, 1, 1);
    }
}
