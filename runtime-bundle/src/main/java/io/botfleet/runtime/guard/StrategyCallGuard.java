package io.botfleet.runtime.guard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time and allocation limits on calls into strategy code, which runs on the bots' shared pool. A
 * call that runs too long or allocates too much in one go is abandoned: its owner is told (the bot
 * fails and moves on), the pool gets a thread in its place, the stuck thread is interrupted and,
 * if it does not come back within a grace period, stopped. When it does come back, {@link #exit}
 * throws {@link AbandonedCall} so none of the work after the call runs for a bot that moved on.
 *
 * <p>The hot path is two writes to a thread-local slot; a timer scans the slots. Java offers no
 * safe way to end a thread running foreign code: {@code Thread.stop} is the only one, it exists up
 * to Java 19, and it is used only on a thread still inside an abandoned strategy call, where it
 * unwinds strategy frames.
 */
public final class StrategyCallGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyCallGuard.class);

    /** Who made a call; told from the guard's timer thread when its call is abandoned. */
    public interface Owner {
        void onRunaway(String what);
    }

    /**
     * @param callMillis      longest a single strategy call may run
     * @param callBytes       most a single strategy call may allocate (0: no limit)
     * @param graceMillis     how long an abandoned thread has to return before it is stopped
     */
    public record Limits(long callMillis, long callBytes, long graceMillis) {
        public Limits {
            if (callMillis <= 0 || callBytes < 0 || graceMillis < 0) {
                throw new IllegalArgumentException("strategy call limits must be positive: " + callMillis + " ms, "
                        + callBytes + " bytes, grace " + graceMillis + " ms");
            }
        }
    }

    /**
     * One pool thread's current call. {@code call}: its id while running, minus it once abandoned,
     * 0 idle. The owner and name are plain fields published by the release-store of {@code call}:
     * the hot path pays for one ordered store and one CAS, no clock read, no fence.
     */
    public static final class Slot {
        final Thread thread = Thread.currentThread();
        final AtomicLong call = new AtomicLong();
        Owner owner;
        String what;
        private long nextId;
        private int depth;
        // timer thread only: a call is timed from the first scan that sees it (at most one scan late)
        long seenCall;
        long seenAtNanos;
        long allocationAtFirstSeen;
        long stopAtNanos;
    }

    private final Limits limits;
    private final PoolCompensation compensation;
    private final ThreadAllocation allocation = ThreadAllocation.create();
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::register);
    private final ScheduledFuture<?> scan;
    private volatile boolean stopUnsupported;

    public StrategyCallGuard(Limits limits, PoolCompensation compensation, ScheduledExecutorService timer) {
        this.limits = limits;
        this.compensation = compensation;
        long every = Math.max(5, Math.min(20, limits.callMillis() / 4)); // a hoarder gains ~GB/s: look often
        this.scan = timer.scheduleWithFixedDelay(this::scanSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Marks the start of a strategy call on this thread; pass the slot to {@link #exit}. */
    public Slot enter(Owner owner, String what) {
        Slot slot = mine.get();
        if (slot.depth++ > 0) {
            return slot; // a nested call belongs to the outer one
        }
        if (slot.call.get() < 0) {
            compensation.threadReturned(); // a stop landed after the call, before its exit
        }
        slot.owner = owner;
        slot.what = what;
        slot.call.setRelease(++slot.nextId);
        return slot;
    }

    /**
     * Marks the end of the call; always in a {@code finally}.
     *
     * @throws AbandonedCall when the guard gave up on this call meanwhile
     */
    public void exit(Slot slot) {
        if (--slot.depth > 0) {
            return;
        }
        long id = slot.call.get();
        if (id > 0 && slot.call.compareAndSet(id, 0)) {
            return;
        }
        slot.call.set(0);
        Thread.interrupted(); // the interrupt was meant for the strategy, not for the pool
        compensation.threadReturned();
        throw new AbandonedCall(slot.what);
    }

    /** Calls in flight that were abandoned and have not come back. */
    public long stuckThreads() {
        return slots.stream().filter(s -> s.call.get() < 0).count();
    }

    @Override
    public void close() {
        scan.cancel(false);
    }

    private Slot register() {
        Slot slot = new Slot();
        slots.add(slot);
        return slot;
    }

    private void scanSafely() {
        try {
            scan(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.error("strategy call scan failed", e);
        }
    }

    void scan(long now) {
        for (Slot slot : slots) {
            if (!slot.thread.isAlive()) {
                slots.remove(slot);
                continue;
            }
            long id = slot.call.getAcquire();
            if (id > 0) {
                check(slot, id, now);
            } else if (id < 0 && now - slot.stopAtNanos >= 0) {
                stop(slot, id);
            }
        }
    }

    private void check(Slot slot, long id, long now) {
        long allocated = allocation.of(slot.thread);
        if (slot.seenCall != id) {
            slot.seenCall = id;
            slot.seenAtNanos = now;
            slot.allocationAtFirstSeen = allocated;
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(now - slot.seenAtNanos);
        long bytes = allocated < 0 ? 0 : allocated - slot.allocationAtFirstSeen;
        boolean hoarding = limits.callBytes() > 0 && bytes > limits.callBytes();
        String breach = hoarding ? "allocated more than " + (limits.callBytes() >> 20) + " MiB in one call"
                : millis > limits.callMillis() ? "ran longer than " + limits.callMillis() + " ms"
                : null;
        if (breach == null) {
            return;
        }
        Owner owner = slot.owner; // read before the CAS: the acquire of call made them visible
        String what = slot.what;
        if (!slot.call.compareAndSet(id, -id)) {
            return; // it returned just now
        }
        // A hoarder is stopped at once, before it takes the heap; a slow call gets a grace period.
        slot.stopAtNanos = hoarding ? now : now + TimeUnit.MILLISECONDS.toNanos(limits.graceMillis());
        compensation.threadLost();
        LOG.error("strategy call {} on {} {}: abandoned", what, slot.thread.getName(), breach);
        slot.thread.interrupt();
        if (owner != null) {
            owner.onRunaway(breach + " in " + what);
        }
        if (hoarding) {
            stop(slot, -id);
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stop(Slot slot, long id) {
        slot.stopAtNanos = Long.MAX_VALUE; // once
        if (stopUnsupported || slot.call.get() != id) {
            return;
        }
        LOG.error("stopping {}: still inside abandoned strategy call {}", slot.thread.getName(), slot.what);
        try {
            slot.thread.stop();
        } catch (UnsupportedOperationException e) {
            stopUnsupported = true;
            LOG.error("this JVM cannot stop threads: {} stays stuck; its place in the pool is kept by an extra thread",
                    slot.thread.getName());
        }
    }
}
