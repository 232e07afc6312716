package io.botfleet.exchange.bybit.order;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Delays without blocking a thread: an executor that runs a task after a scheduled delay. */
final class Backoff {

    private Backoff() {
    }

    /** The n-th delay (n from 0) of an exponential backoff starting at {@code baseMillis}. */
    static long delay(long baseMillis, int n) {
        return baseMillis << Math.min(n, 10);
    }

    static Executor after(ScheduledExecutorService scheduler, long millis) {
        return task -> scheduler.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    /** A future completed after {@code millis}, on the scheduler. */
    static CompletableFuture<Void> sleep(ScheduledExecutorService scheduler, long millis) {
        return CompletableFuture.runAsync(() -> { }, after(scheduler, millis));
    }
}
