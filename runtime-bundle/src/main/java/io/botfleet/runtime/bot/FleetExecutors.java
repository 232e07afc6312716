package io.botfleet.runtime.bot;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet's threads: a pool sized to the cores that every bot's mailbox shares, a small pool
 * for blocking reads (recovery loads) so no bot thread ever waits on the database, and one timer.
 */
final class FleetExecutors implements AutoCloseable {

    private final ThreadPoolExecutor bots;
    private final ExecutorService io;
    private final ScheduledExecutorService scheduler;

    FleetExecutors(int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        bots = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("botfleet-bot-"));
        io = Executors.newFixedThreadPool(2, named("botfleet-io-"));
        scheduler = Executors.newSingleThreadScheduledExecutor(named("botfleet-timer-"));
    }

    ThreadPoolExecutor bots() {
        return bots;
    }

    ExecutorService io() {
        return io;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        bots.shutdown();
        io.shutdown();
        try {
            if (!bots.awaitTermination(2, TimeUnit.SECONDS)) {
                bots.shutdownNow();
            }
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
