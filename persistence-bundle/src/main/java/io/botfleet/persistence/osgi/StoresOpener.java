package io.botfleet.persistence.osgi;

import io.botfleet.persistence.JdbcStores;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the stores in the background and keeps trying, with backoff, until it works: an
 * unreachable, corrupt or too-new database is a state to report, not a reason to fail (a failing
 * DS component would be retried by SCR in a tight loop, logging the same stack trace forever).
 * The reason of the last failure is kept for the health check; it is logged once per new reason.
 */
final class StoresOpener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoresOpener.class);

    /** What the opener knows now: the open stores, or why there are none. */
    record State(JdbcStores stores, String problem) {
    }

    private final Supplier<JdbcStores> open;
    private final Consumer<JdbcStores> onOpen;
    private final long maxDelayMs;
    private final ScheduledExecutorService executor;
    private final Object lock = new Object();
    private JdbcStores stores;
    private String problem = "opening the database";
    private long delayMs;
    private boolean closed;

    StoresOpener(Supplier<JdbcStores> open, Consumer<JdbcStores> onOpen, long firstDelayMs, long maxDelayMs) {
        this.open = open;
        this.onOpen = onOpen;
        this.delayMs = firstDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "botfleet-persistence-open");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        executor.execute(this::attempt);
    }

    State state() {
        synchronized (lock) {
            return new State(stores, problem);
        }
    }

    /** Stops retrying and closes the stores, committing what their journal holds. */
    @Override
    public void close() {
        JdbcStores toClose;
        synchronized (lock) {
            closed = true;
            toClose = stores;
            stores = null;
            problem = "persistence is stopping";
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private void attempt() {
        JdbcStores opened;
        try {
            opened = open.get();
        } catch (RuntimeException e) {
            retryLater(e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        synchronized (lock) {
            if (closed) {
                opened.close();
                return;
            }
            stores = opened;
            problem = null;
        }
        LOG.info("persistence ready: {} at schema version {}", opened.describe(), opened.schemaVersion());
        onOpen.accept(opened);
    }

    private void retryLater(String reason) {
        long delay;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!reason.equals(problem)) {
                LOG.error("persistence unavailable, retrying: {}", reason);
            }
            problem = reason;
            delay = delayMs;
            delayMs = Math.min(delayMs * 2, maxDelayMs);
        }
        try {
            executor.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }
}
