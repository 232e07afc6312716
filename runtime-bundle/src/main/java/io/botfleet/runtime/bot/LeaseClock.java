package io.botfleet.runtime.bot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cluster mode: until when, on this node's own monotonic clock, the lease of each bot it runs
 * surely still holds, so that no order goes out after it lapsed. Journal writes are fenced in the
 * database, but an intent committed just before this node froze (a GC pause, {@code SIGSTOP})
 * would otherwise be sent after it woke, for a bot another node took meanwhile and whose recovery
 * may have settled that intent as never sent.
 *
 * <p>A lease taken or renewed by a statement sent at local time {@code t} expires no sooner than
 * {@code t + lease} (the database starts its lease later); a tenth of the lease is kept back for
 * the clocks' rates and the time a send takes. Outside cluster mode every send may go out.
 */
public final class LeaseClock {

    private final boolean fenced;
    /** By bot id: the {@link System#nanoTime} after which its orders may no longer go out. */
    private final Map<String, Long> sendableUntil = new ConcurrentHashMap<>();

    /** @param fenced cluster mode: a bot sends only while its lease holds */
    public LeaseClock(boolean fenced) {
        this.fenced = fenced;
    }

    /** The lease of {@code botId} was taken or renewed by a statement sent at {@code sentNanos}. */
    public void held(String botId, long sentNanos, long leaseNanos) {
        sendableUntil.put(botId, sentNanos + leaseNanos - leaseNanos / 10);
    }

    /** This node gave the lease of {@code botId} up, or lost it. */
    public void dropped(String botId) {
        sendableUntil.remove(botId);
    }

    /** Whether an order of {@code botId} may go out at {@code nowNanos}. */
    public boolean maySend(String botId, long nowNanos) {
        if (!fenced) {
            return true;
        }
        Long until = sendableUntil.get(botId);
        return until != null && nowNanos - until < 0;
    }
}
