package io.botfleet.exchange.bybit.ratelimit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

public class RateLimiterTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @After
    public void stop() {
        scheduler.shutdownNow();
    }

    private RateLimiter limiter(int orders) {
        Map<LimitGroup, Integer> limits = new EnumMap<>(LimitGroup.class);
        limits.put(LimitGroup.ORDER, orders);
        limits.put(LimitGroup.PRIVATE, 50);
        limits.put(LimitGroup.PUBLIC, 100);
        return new RateLimiter(limits, 1000, 10_000, scheduler);
    }

    @Test
    public void neverMoreThanTheLimitInAnyWindowAndNeverBlocksTheCaller() throws Exception {
        RateLimiter limiter = limiter(10);
        List<Long> granted = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<RateLimiter.Permit>> all = new ArrayList<>();
        long callStart = System.nanoTime();
        for (int i = 0; i < 25; i++) {
            // each "request" is answered at once: its permit counts one window from now
            all.add(limiter.acquire(LimitGroup.ORDER).whenComplete((p, e) -> {
                granted.add(System.nanoTime());
                p.release();
            }));
        }
        long callMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - callStart);
        assertTrue("acquire must return at once, took " + callMillis + " ms", callMillis < 200);
        assertEquals(15, limiter.waiting(LimitGroup.ORDER));
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        List<Long> times = new ArrayList<>(granted);
        Collections.sort(times);
        for (int i = 10; i < times.size(); i++) {
            long gap = times.get(i) - times.get(i - 10);
            assertTrue("11 permits within " + gap / 1_000_000 + " ms", gap >= 1_000_000_000L);
        }
        long total = times.get(times.size() - 1) - times.get(0);
        assertTrue("25 permits at 10/s take 2 windows, took " + total / 1_000_000 + " ms",
                total >= 2_000_000_000L && total < 2_500_000_000L);
    }

    @Test
    public void groupsAreIndependent() {
        RateLimiter limiter = limiter(1);
        assertTrue(limiter.acquire(LimitGroup.ORDER).isDone());
        assertFalse(limiter.acquire(LimitGroup.ORDER).isDone());
        assertTrue(limiter.acquire(LimitGroup.PRIVATE).isDone());
    }

    @Test
    public void aPermitCountsUntilOneWindowAfterItsRequestFinished() throws Exception {
        RateLimiter limiter = limiter(1);
        RateLimiter.Permit slow = limiter.acquire(LimitGroup.ORDER).get();
        CompletableFuture<RateLimiter.Permit> next = limiter.acquire(LimitGroup.ORDER);
        Thread.sleep(1200); // the first request is still in flight after a whole window
        assertFalse(next.isDone());
        long released = System.nanoTime();
        slow.release();
        next.get(2, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - released >= 1_000_000_000L);
    }

    @Test
    public void pauseHoldsPermitsUntilTheReset() throws Exception {
        RateLimiter limiter = limiter(10);
        limiter.pause(LimitGroup.ORDER, 300);
        long start = System.nanoTime();
        CompletableFuture<RateLimiter.Permit> f = limiter.acquire(LimitGroup.ORDER);
        assertFalse(f.isDone());
        f.get(2, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start >= 290_000_000L);
    }
}
