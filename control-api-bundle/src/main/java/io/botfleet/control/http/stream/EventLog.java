package io.botfleet.control.http.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} events, so a client that reconnects with {@code Last-Event-ID}
 * gets what it missed while the server still holds it. Ids increase by one per event and
 * restart with the process; an id from the future (a previous process) replays everything held.
 */
public final class EventLog {

    private final StreamEvent[] ring;
    private long nextId = 1;

    public EventLog(int capacity) {
        this.ring = new StreamEvent[capacity];
    }

    public synchronized StreamEvent append(String name, String json) {
        StreamEvent event = new StreamEvent(nextId, name, json);
        ring[(int) (nextId % ring.length)] = event;
        nextId++;
        return event;
    }

    /** Events after {@code lastId}, oldest first (all held ones when lastId is unknown). */
    public synchronized List<StreamEvent> since(long lastId) {
        long first = Math.max(1, nextId - ring.length);
        long from = lastId + 1;
        if (lastId < 0 || from > nextId) {
            from = first; // not from this process: everything we have
        }
        from = Math.max(from, first);
        List<StreamEvent> out = new ArrayList<>((int) Math.max(0, nextId - from));
        for (long id = from; id < nextId; id++) {
            out.add(ring[(int) (id % ring.length)]);
        }
        return out;
    }

    public synchronized long lastId() {
        return nextId - 1;
    }

    /** The oldest id still held (one more than {@link #lastId()} while empty). */
    public synchronized long firstId() {
        return Math.max(1, nextId - ring.length);
    }

    /**
     * Where a reader that last saw {@code lastId} resumes: the id it last saw, or the one before
     * the oldest held when it saw nothing held (an unknown, older or future id replays all held).
     */
    public synchronized long resumeAfter(long lastId) {
        long first = Math.max(1, nextId - ring.length);
        if (lastId < first - 1 || lastId >= nextId) {
            return first - 1;
        }
        return lastId;
    }

    /**
     * The event with id {@code id}: null when it does not exist yet, and {@link #GONE} when the
     * ring has overwritten it (the reader fell behind by more than the capacity).
     */
    public synchronized StreamEvent get(long id) {
        if (id >= nextId) {
            return null;
        }
        if (id < Math.max(1, nextId - ring.length)) {
            return GONE;
        }
        return ring[(int) (id % ring.length)];
    }

    /** Stands for an event that is no longer held. */
    public static final StreamEvent GONE = new StreamEvent(-1, "gone", "{}");
}
