package io.botfleet.exchange.bybit.ratelimit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The rate limiter of one Bybit account, shared by every bot on it.
 *
 * <p>Bybit counts requests by their arrival in a rolling window; we cannot see arrivals, only
 * when we hand a request to the HTTP client (before it arrives) and when its answer comes back
 * (after it arrived). So a {@link Permit} stays counted from the moment it is granted until
 * {@code window} after its request finished ({@link Permit#release()}). Then any two requests that
 * arrive within one window overlap in our count, and no window at Bybit can see more than
 * {@code limit} of them, whatever the network delays — a send-time window would not guarantee
 * that when one request is slow on the wire and the next is fast. The price is one round trip
 * per window of throughput.
 *
 * <p>A caller that cannot go now gets a future that the scheduler completes when a permit frees
 * up: the caller's thread is never blocked, and waiters are served first-in first-out. The
 * exchange's own view ({@code X-Bapi-Limit-Status} = 0, retCode 10006, HTTP 429) closes a group
 * until the reset time it gives ({@link #pause}).
 */
public final class RateLimiter {

    /** Longest pause a server hint may impose, against a broken or skewed reset timestamp. */
    private static final long MAX_BLOCK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Map<LimitGroup, Bucket> buckets = new EnumMap<>(LimitGroup.class);
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final long holdCapNanos;

    /**
     * @param limits    permits per window for each group
     * @param windowMs  the window: Bybit's 1000 ms plus a small margin
     * @param holdCapMs how long an unreleased permit counts at most (longer than any request)
     * @param scheduler completes waiting permits
     */
    public RateLimiter(Map<LimitGroup, Integer> limits, long windowMs, long holdCapMs,
                       ScheduledExecutorService scheduler) {
        this(limits, windowMs, holdCapMs, scheduler, System::nanoTime);
    }

    RateLimiter(Map<LimitGroup, Integer> limits, long windowMs, long holdCapMs,
                ScheduledExecutorService scheduler, LongSupplier nanoClock) {
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.holdCapNanos = TimeUnit.MILLISECONDS.toNanos(holdCapMs);
        for (LimitGroup g : LimitGroup.values()) {
            Integer limit = limits.get(g);
            if (limit == null || limit < 1) {
                throw new IllegalArgumentException("no rate limit for " + g);
            }
            buckets.put(g, new Bucket(limit, TimeUnit.MILLISECONDS.toNanos(windowMs)));
        }
    }

    /**
     * Completes with a permit when one request of {@code group} may be sent. The caller must
     * {@link Permit#release()} it when the request has finished (answer, failure or timeout).
     */
    public CompletableFuture<Permit> acquire(LimitGroup group) {
        return buckets.get(group).acquire();
    }

    /**
     * Closes {@code group} for {@code millis} from now: the server said the budget is spent.
     */
    public void pause(LimitGroup group, long millis) {
        long nanos = Math.min(MAX_BLOCK_NANOS, TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)));
        buckets.get(group).blockFor(nanos);
    }

    /** The permits per window of {@code group}. */
    public int limit(LimitGroup group) {
        return buckets.get(group).limit;
    }

    /** How many callers wait for a permit of {@code group} (for metrics and tests). */
    public int waiting(LimitGroup group) {
        return buckets.get(group).waitingCount();
    }

    /** Fails every waiting caller; used on close. */
    public void shutdown(Throwable reason) {
        for (Bucket b : buckets.values()) {
            b.failAll(reason);
        }
    }

    /** One request's place in its group's window. */
    public final class Permit {
        private final Bucket bucket;
        private long expiry; // guarded by bucket

        private Permit(Bucket bucket, long expiry) {
            this.bucket = bucket;
            this.expiry = expiry;
        }

        /** The request finished: the permit counts for one more window, then frees. Idempotent. */
        public void release() {
            bucket.release(this);
        }
    }

    private final class Bucket {
        private final int limit;
        private final long windowNanos;
        private final List<Permit> live = new ArrayList<>();
        private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();
        private long blockedUntil = Long.MIN_VALUE;
        private boolean drainScheduled;
        private long drainAt;

        Bucket(int limit, long windowNanos) {
            this.limit = limit;
            this.windowNanos = windowNanos;
        }

        CompletableFuture<Permit> acquire() {
            synchronized (this) {
                long now = nanoClock.getAsLong();
                if (waiters.isEmpty()) {
                    Permit p = tryTake(now);
                    if (p != null) {
                        return CompletableFuture.completedFuture(p);
                    }
                }
                CompletableFuture<Permit> f = new CompletableFuture<>();
                waiters.add(f);
                scheduleDrainLocked(now);
                return f;
            }
        }

        void release(Permit p) {
            synchronized (this) {
                long now = nanoClock.getAsLong();
                long released = now + windowNanos;
                if (released - p.expiry < 0) { // first release wins; never extends a permit
                    p.expiry = released;
                }
                scheduleDrainLocked(now);
            }
        }

        void blockFor(long nanos) {
            synchronized (this) {
                long now = nanoClock.getAsLong();
                if (blockedUntil == Long.MIN_VALUE || now + nanos - blockedUntil > 0) {
                    blockedUntil = now + nanos;
                }
            }
        }

        synchronized int waitingCount() {
            return waiters.size();
        }

        private Permit tryTake(long now) {
            if (blockedUntil != Long.MIN_VALUE && now - blockedUntil < 0) {
                return null;
            }
            for (Iterator<Permit> it = live.iterator(); it.hasNext(); ) {
                if (now - it.next().expiry >= 0) {
                    it.remove();
                }
            }
            if (live.size() >= limit) {
                return null;
            }
            Permit p = new Permit(this, now + holdCapNanos + windowNanos);
            live.add(p);
            return p;
        }

        private void scheduleDrainLocked(long now) {
            if (waiters.isEmpty()) {
                return;
            }
            long next = now;
            if (live.size() >= limit) {
                next = Long.MAX_VALUE;
                for (Permit p : live) {
                    if (p.expiry - next < 0 || next == Long.MAX_VALUE) {
                        next = p.expiry;
                    }
                }
            }
            if (blockedUntil != Long.MIN_VALUE && blockedUntil - next > 0) {
                next = blockedUntil;
            }
            if (drainScheduled && drainAt - next <= 0) {
                return; // an earlier or equal drain is already coming
            }
            drainScheduled = true;
            drainAt = next;
            try {
                // +50 µs: wake just after the permit leaves the window, not just before
                scheduler.schedule(this::drain, Math.max(0, next - now) + 50_000,
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                drainScheduled = false;
                failAll(new IllegalStateException("the Bybit adapter is closed"));
            }
        }

        private void drain() {
            List<CompletableFuture<Permit>> ready = new ArrayList<>();
            List<Permit> permits = new ArrayList<>();
            synchronized (this) {
                drainScheduled = false;
                long now = nanoClock.getAsLong();
                while (!waiters.isEmpty()) {
                    CompletableFuture<Permit> head = waiters.peekFirst();
                    if (head.isDone()) { // cancelled by its caller: it needs no permit
                        waiters.pollFirst();
                        continue;
                    }
                    Permit p = tryTake(now);
                    if (p == null) {
                        break;
                    }
                    ready.add(waiters.pollFirst());
                    permits.add(p);
                }
                scheduleDrainLocked(now);
            }
            // complete outside the lock: continuations (signing, sending) run here
            for (int i = 0; i < ready.size(); i++) {
                if (!ready.get(i).complete(permits.get(i))) {
                    permits.get(i).release();
                }
            }
        }

        void failAll(Throwable reason) {
            List<CompletableFuture<Permit>> all;
            synchronized (this) {
                all = new ArrayList<>(waiters);
                waiters.clear();
            }
            all.forEach(f -> f.completeExceptionally(reason));
        }
    }
}
