package io.botfleet.runtime.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing: a client (remote address) that presented {@code maxFailures} bad
 * tokens within {@code windowNanos} is refused with 429 until the oldest of those failures
 * leaves the window. Refusing instead of sleeping keeps servlet threads free under attack.
 *
 * <p>Only requests that carried a token count: a request without one is not a guess, and
 * monitoring scripts that forgot their header must not lock a whole host out. Success does not
 * reset the count, or one valid token would let its holder guess others without limit.
 */
public final class AuthFailureLimiter {

    /** Above this many tracked clients, expired entries are purged before adding another. */
    private static final int PURGE_THRESHOLD = 10_000;

    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Window> clients = new ConcurrentHashMap<>();

    public AuthFailureLimiter(int maxFailures, long windowNanos, LongSupplier nanoClock) {
        if (maxFailures < 1 || windowNanos <= 0) {
            throw new IllegalArgumentException("maxFailures >= 1 and a positive window required");
        }
        this.maxFailures = maxFailures;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
    }

    /** Seconds the client must wait before trying again, or 0 when it may try now. */
    public long retryAfterSeconds(String client) {
        Window window = clients.get(client);
        if (window == null) {
            return 0;
        }
        long waitNanos = window.waitNanos(nanoClock.getAsLong());
        return waitNanos <= 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    public void recordFailure(String client) {
        long now = nanoClock.getAsLong();
        if (clients.size() >= PURGE_THRESHOLD) {
            purge(now);
        }
        clients.computeIfAbsent(client, c -> new Window()).add(now);
    }

    /** Number of clients currently tracked (for tests and metrics). */
    public int trackedClients() {
        return clients.size();
    }

    private void purge(long now) {
        for (Iterator<Window> it = clients.values().iterator(); it.hasNext(); ) {
            if (it.next().expired(now)) {
                it.remove();
            }
        }
    }

    /** The times of a client's last {@code maxFailures} failures, as a ring. */
    private final class Window {
        private final long[] times = new long[maxFailures];
        private int next;
        private int count;

        synchronized void add(long now) {
            times[next] = now;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
        }

        /** How long until fewer than maxFailures failures lie within the window. */
        synchronized long waitNanos(long now) {
            if (count < times.length) {
                return 0;
            }
            long oldest = times[next]; // the ring is full: next points at the oldest entry
            return oldest + windowNanos - now;
        }

        synchronized boolean expired(long now) {
            int newest = (next - 1 + times.length) % times.length;
            return count == 0 || now - times[newest] > windowNanos;
        }
    }
}
