package io.botfleet.runtime.recovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.store.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Test;

public class PersistenceOutageTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final PersistenceOutage outage = new PersistenceOutage(scheduler, 5);

    @After
    public void stop() {
        scheduler.shutdownNow();
    }

    /** A bot whose probe write fails while {@link #down} is positive (counting down), then commits. */
    private static class Bot implements PersistenceOutage.Waiting {
        final String id;
        final AtomicInteger down;
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger resumed = new AtomicInteger();
        volatile CompletableFuture<Void> held;

        Bot(String id, int failingProbes) {
            this.id = id;
            this.down = new AtomicInteger(failingProbes);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CompletionStage<?> probe() {
            probes.incrementAndGet();
            if (held != null) {
                return held;
            }
            if (down.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new StoreException("appendEvent: database unreachable"));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void resume() {
            resumed.incrementAndGet();
        }
    }

    @Test
    public void waitsAsLongAsTheOutageLastsThenResumesOnce() throws Exception {
        Bot bot = new Bot("b", 50); // far more failures than the watchdog would ever allow
        outage.await(bot);
        awaitTrue(() -> bot.resumed.get() == 1, "resumed");
        assertEquals(51, bot.probes.get());
        assertEquals(0, outage.waitingBots());
        Thread.sleep(50);
        assertEquals("no probe once it resumed", 51, bot.probes.get());
        assertEquals(1, bot.resumed.get());
    }

    @Test
    public void eachBotResumesWhenItsOwnProbeCommits() throws Exception {
        Bot quick = new Bot("quick", 0);
        Bot slow = new Bot("slow", 1_000_000);
        outage.await(quick);
        outage.await(slow);
        awaitTrue(() -> quick.resumed.get() == 1, "quick resumed");
        awaitTrue(() -> slow.probes.get() > 5, "slow probed again");
        assertEquals(0, slow.resumed.get());
        assertEquals(1, outage.waitingBots());
        slow.down.set(0);
        awaitTrue(() -> slow.resumed.get() == 1, "slow resumed");
        assertEquals(1, quick.resumed.get());
    }

    @Test
    public void oneRoundOfProbesAtATime() throws Exception {
        Bot bot = new Bot("b", 0);
        bot.held = new CompletableFuture<>(); // a journal that takes its time
        outage.await(bot);
        awaitTrue(() -> bot.probes.get() == 1, "probed");
        Thread.sleep(50);
        outage.await(bot); // suspended again meanwhile: still no second probe in flight
        Thread.sleep(50);
        assertEquals(1, bot.probes.get());
        bot.held.complete(null);
        awaitTrue(() -> bot.resumed.get() == 1, "resumed");
    }

    @Test
    public void aProbeThatThrowsCountsAsFailedAndABotThatFailsAgainWaitsAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Bot bot = new Bot("b", 0) {
            @Override
            public CompletionStage<?> probe() {
                if (calls.incrementAndGet() == 1) {
                    throw new StoreException("journal write refused");
                }
                return super.probe();
            }
        };
        outage.await(bot);
        awaitTrue(() -> bot.resumed.get() == 1, "resumed after a throwing probe");
        assertTrue(calls.get() >= 2);
        bot.down.set(3);
        outage.await(bot); // its restart met the outage again
        awaitTrue(() -> bot.resumed.get() == 2, "resumed a second time");
        assertEquals(0, outage.waitingBots());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        fail("not " + what + " within 10 s");
    }
}
