package io.botfleet.runtime.recovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Test;

public class WatchdogTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @After
    public void stop() {
        scheduler.shutdownNow();
    }

    /** A bot that fails again at every restart. */
    private static final class AlwaysFailing implements Watchdog.Restartable {
        final List<Long> restartTimes = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger gaveUpAfter = new AtomicInteger(-1);
        Watchdog watchdog;

        @Override
        public String id() {
            return "b";
        }

        @Override
        public boolean restartAfterFailure() {
            restartTimes.add(System.nanoTime());
            watchdog.onFailed(this);
            return true;
        }

        @Override
        public void gaveUp(int attempts) {
            gaveUpAfter.set(attempts);
        }
    }

    @Test
    public void restartsWithGrowingDelaysThenGivesUp() throws Exception {
        AlwaysFailing bot = new AlwaysFailing();
        bot.watchdog = new Watchdog(scheduler, new RestartBackoff(20, 1_000, 4), 60_000, System::currentTimeMillis);
        long start = System.nanoTime();
        bot.watchdog.onFailed(bot);
        for (int i = 0; i < 200 && bot.gaveUpAfter.get() < 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(4, bot.gaveUpAfter.get());
        assertEquals(4, bot.restartTimes.size());
        // 20 + 40 + 80 + 160 ms with ±20 % jitter: at least 0.8 × 300 ms in all
        assertTrue((bot.restartTimes.get(3) - start) / 1_000_000 >= 240);
    }

    @Test
    public void aBotThatRanLongEnoughGetsItsAttemptsBack() throws Exception {
        AtomicLong now = new AtomicLong(0);
        AtomicInteger restarts = new AtomicInteger();
        Watchdog.Restartable bot = new Watchdog.Restartable() {
            public String id() {
                return "b";
            }

            public boolean restartAfterFailure() {
                restarts.incrementAndGet();
                return true;
            }

            public void gaveUp(int attempts) {
                throw new AssertionError("must not give up");
            }
        };
        Watchdog watchdog = new Watchdog(scheduler, new RestartBackoff(1, 1, 2), 1_000, now::get);
        for (int i = 0; i < 5; i++) {
            watchdog.onFailed(bot);
            now.addAndGet(5_000);
        }
        Thread.sleep(200);
        assertEquals(5, restarts.get());
    }

    @Test
    public void backoffIsCappedAndJittered() {
        RestartBackoff b = new RestartBackoff(1_000, 60_000, 5);
        for (int attempt = 1; attempt < 70; attempt++) {
            long d = b.delayMillis(attempt);
            long nominal = Math.min(60_000, 1_000L << Math.min(attempt - 1, 30));
            assertTrue(d >= nominal * 0.8 - 1 && d <= nominal * 1.2 + 1);
        }
    }
}
