package io.botfleet.control.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing: a client (remote address) that presented {@code maxFailures} bad
 * tokens within {@code windowNanos} is refused with 429 until the oldest of those failures
 * leaves the window. Refusing instead of sleeping keeps servlet threads free under attack.
 *
 * <p>Only requests that carried a token count: a request without one is not a guess, and
 * monitoring scripts that forgot their header must not lock a whole host out. Success does not
 * reset the count, or one valid token would let its holder guess others without limit.
 *
 * <p>Memory is bounded: at most {@code maxClients} clients are tracked, and a new one evicts
 * the client whose last failure is the oldest (the least dangerous to forget).
 */
public final class AuthFailureLimiter {

    /** Clients tracked at most; the one whose last failure is oldest makes room for a new one. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    /**
     * Failure windows in order of their last failure (oldest first), so making room evicts one
     * entry in constant time instead of scanning or clearing the whole map under attack.
     */
    private final LinkedHashMap<String, Window> clients;

    public AuthFailureLimiter(int maxFailures, long windowNanos, LongSupplier nanoClock) {
        this(maxFailures, windowNanos, nanoClock, DEFAULT_MAX_CLIENTS);
    }

    public AuthFailureLimiter(int maxFailures, long windowNanos, LongSupplier nanoClock, int maxClients) {
        if (maxFailures < 1 || windowNanos <= 0 || maxClients < 1) {
            throw new IllegalArgumentException("maxFailures >= 1, a positive window and maxClients >= 1 required");
        }
        this.maxFailures = maxFailures;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.clients = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Seconds the client must wait before trying again, or 0 when it may try now. */
    public long retryAfterSeconds(String client) {
        long waitNanos;
        synchronized (clients) {
            Window window = clients.get(client);
            if (window == null) {
                return 0;
            }
            long now = nanoClock.getAsLong();
            if (window.expired(now)) {
                clients.remove(client);
                return 0;
            }
            waitNanos = window.waitNanos(now);
        }
        return waitNanos <= 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    public void recordFailure(String client) {
        long now = nanoClock.getAsLong();
        synchronized (clients) {
            // re-inserted at the young end: the map stays ordered by last failure
            Window window = clients.remove(client);
            if (window == null) {
                window = new Window();
            }
            window.add(now);
            clients.put(client, window);
        }
    }

    /** Number of clients currently tracked (for tests and metrics). */
    public int trackedClients() {
        synchronized (clients) {
            return clients.size();
        }
    }

    /** The times of a client's last {@code maxFailures} failures, as a ring (guarded by the map). */
    private final class Window {
        private final long[] times = new long[maxFailures];
        private int next;
        private int count;

        void add(long now) {
            times[next] = now;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
        }

        /** How long until fewer than maxFailures failures lie within the window. */
        long waitNanos(long now) {
            if (count < times.length) {
                return 0;
            }
            long oldest = times[next]; // the ring is full: next points at the oldest entry
            return oldest + windowNanos - now;
        }

        boolean expired(long now) {
            int newest = (next - 1 + times.length) % times.length;
            return count == 0 || now - times[newest] > windowNanos;
        }
    }
}
