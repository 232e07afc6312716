package io.botfleet.runtime.http.stream;

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
}
