package io.botfleet.runtime.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

public class MailboxTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @After
    public void stop() {
        pool.shutdownNow();
    }

    @Test
    public void runsMessagesOneAtATimeInPostOrderFromManyThreads() throws Exception {
        Mailbox mailbox = new Mailbox("t", pool, new ProcessingStats());
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        int perThread = 5_000;
        Thread[] posters = new Thread[4];
        for (int t = 0; t < posters.length; t++) {
            int base = t * perThread;
            posters[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    int n = base + i;
                    mailbox.post(() -> {
                        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                        seen.add(n);
                        concurrent.decrementAndGet();
                    });
                }
            });
            posters[t].start();
        }
        for (Thread t : posters) {
            t.join();
        }
        mailbox.ask(() -> CompletableFuture.completedFuture(null)).get(10, TimeUnit.SECONDS);
        assertEquals(posters.length * perThread, seen.size());
        assertEquals(1, maxConcurrent.get());
        for (int t = 0; t < posters.length; t++) {
            int last = -1;
            for (int n : seen) {
                if (n / perThread == t) {
                    assertTrue("per-poster order kept", n > last);
                    last = n;
                }
            }
        }
    }

    @Test
    public void waitsForAMessagesStageBeforeTheNextMessageWithoutHoldingAThread() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            Mailbox a = new Mailbox("a", single, null);
            Mailbox b = new Mailbox("b", single, null);
            CompletableFuture<Void> io = new CompletableFuture<>();
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            a.postAsync(() -> {
                order.add("a1 start");
                return io.thenRun(() -> order.add("a1 done"));
            });
            a.post(() -> order.add("a2"));
            CountDownLatch bRan = new CountDownLatch(1);
            b.post(bRan::countDown);
            // b runs on the only thread while a waits: a's wait holds no thread.
            assertTrue(bRan.await(5, TimeUnit.SECONDS));
            assertFalse(order.contains("a2"));
            io.complete(null);
            a.ask(() -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("a1 start", "a1 done", "a2"), order);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    public void survivesAThrowingMessageAndAskReportsTheFailure() throws Exception {
        Mailbox mailbox = new Mailbox("t", pool, null);
        mailbox.post(() -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<Object> asked = mailbox.ask(() -> {
            throw new IllegalArgumentException("refused");
        });
        try {
            asked.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertEquals("refused", e.getCause().getMessage());
        }
        assertEquals("ok", mailbox.ask(() -> CompletableFuture.completedFuture("ok")).get(5, TimeUnit.SECONDS));
    }

    @Test
    public void recordsEventLatencies() throws Exception {
        ProcessingStats stats = new ProcessingStats();
        Mailbox mailbox = new Mailbox("t", pool, stats);
        for (int i = 0; i < 10; i++) {
            mailbox.post(() -> { });
        }
        mailbox.ask(() -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS);
        // the first ask is recorded once it has run, which the second ask's turn guarantees
        mailbox.ask(() -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS);
        assertTrue(stats.snapshot().count() >= 11);
    }

    @Test
    public void anAbandonedDrainHandsTheMailboxOverAndEndsWhenItsMessageReturns() throws Exception {
        Mailbox mailbox = new Mailbox("t", pool, null);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        mailbox.post(() -> {
            stuck.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add("stuck returned");
        });
        mailbox.post(() -> seen.add("a"));
        mailbox.post(() -> seen.add("b"));
        assertTrue(stuck.await(5, TimeUnit.SECONDS));
        assertTrue(seen.isEmpty());

        mailbox.abandonCurrent();
        mailbox.ask(() -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("a", "b"), seen);

        release.countDown();
        mailbox.ask(() -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS);
        CountDownLatch third = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        for (int i = 0; i < 2_000; i++) {
            mailbox.post(() -> {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                concurrent.decrementAndGet();
            });
        }
        mailbox.post(third::countDown);
        assertTrue(third.await(5, TimeUnit.SECONDS));
        assertEquals("the returning drain never runs beside the new one", 1, maxConcurrent.get());
        assertEquals(List.of("a", "b", "stuck returned"), seen);
    }
}
