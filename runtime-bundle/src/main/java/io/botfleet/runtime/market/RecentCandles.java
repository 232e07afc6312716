package io.botfleet.runtime.market;

import io.botfleet.api.market.Candle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last closed candles of one feed, for charts. A fixed ring: memory stays bounded however
 * long a bot runs, and one ring serves every bot on the feed.
 */
final class RecentCandles {

    static final int CAPACITY = 1000;
    private final Candle[] ring = new Candle[CAPACITY];
    private int next;
    private int size;

    synchronized void add(Candle candle) {
        if (size > 0 && !candle.openTime().isAfter(ring[(next - 1 + CAPACITY) % CAPACITY].openTime())) {
            return; // a replay restarting behind the newest candle must not duplicate it
        }
        ring[next] = candle;
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    /** Up to {@code limit} candles opened at or before {@code upTo} (null: any), oldest first. */
    synchronized List<Candle> recent(int limit, Instant upTo) {
        List<Candle> newestFirst = new ArrayList<>();
        for (int i = 1; i <= size && newestFirst.size() < limit; i++) {
            Candle c = ring[(next - i + CAPACITY) % CAPACITY];
            if (upTo == null || !c.openTime().isAfter(upTo)) {
                newestFirst.add(c);
            }
        }
        List<Candle> oldestFirst = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            oldestFirst.add(newestFirst.get(i));
        }
        return oldestFirst;
    }
}
