package io.botfleet.exchange.bybit.rest;

/**
 * Bybit's clock as seen from here: the local clock plus an offset measured with
 * {@code GET /v5/market/time}. Requests are stamped with {@link #now()} so that a local clock
 * that drifts does not get every request refused with 10002.
 */
public final class ServerClock {

    private volatile long offsetMillis;
    private volatile long uncertaintyMillis;
    private volatile boolean synced;
    // guarded by this: when the newest measurement was sent, and the highest lower bound any
    // message showed (and when), so that an answer that was slow to arrive cannot undo what
    // messages received after it was sent showed
    private long measuredSentAt = Long.MIN_VALUE;
    private long floorOffsetMillis = Long.MIN_VALUE;
    private long floorReceivedAt = Long.MIN_VALUE;

    /** The current Bybit time in epoch milliseconds, as far as we know it. */
    public long now() {
        return System.currentTimeMillis() + offsetMillis;
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    /**
     * How far off the offset may be: half the round trip of the measurement (the server read its
     * clock somewhere inside it). Waits computed from Bybit timestamps add this.
     */
    public long uncertaintyMillis() {
        return uncertaintyMillis;
    }

    public boolean synced() {
        return synced;
    }

    /**
     * The server said it was {@code serverMillis} in a message that reached us by our local time
     * {@code receivedAt} (an answer's {@code time}, a push's {@code ts}): its clock is at least
     * that far ahead of ours. A clock that has jumped ahead of the measured offset (a venue that
     * corrected its time; a test venue whose clock follows its candles) is followed at once,
     * rather than only after a request is refused with 10002. Never moves the clock back.
     */
    public synchronized void notBefore(long serverMillis, long receivedAt) {
        long lowest = serverMillis - receivedAt;
        if (lowest > offsetMillis) {
            offsetMillis = lowest;
        }
        if (lowest > floorOffsetMillis) {
            floorOffsetMillis = lowest;
            floorReceivedAt = receivedAt;
        }
    }

    /**
     * Records one measurement: the server said {@code serverMillis} between our local times
     * {@code sentAt} and {@code receivedAt}; the midpoint is our best guess of when it said it.
     */
    public synchronized void update(long serverMillis, long sentAt, long receivedAt) {
        if (sentAt < measuredSentAt) {
            return; // an older measurement answered late: the newer one stands
        }
        measuredSentAt = sentAt;
        long localMid = sentAt + (receivedAt - sentAt) / 2;
        long measured = serverMillis - localMid;
        // a message stamped by the server after this request left is a fact the midpoint guess
        // must not contradict (the server's clock may have jumped while the request was under way)
        offsetMillis = floorReceivedAt >= sentAt ? Math.max(measured, floorOffsetMillis) : measured;
        uncertaintyMillis = Math.max(1, (receivedAt - sentAt + 1) / 2);
        synced = true;
    }
}
