package io.botfleet.exchange.bybit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Every request the fake received, in arrival order, for assertions. */
public final class RequestLog {

    /**
     * @param arrivalNanos {@link System#nanoTime()} at arrival
     * @param apiKey       the X-BAPI-API-KEY header, or "" for public calls
     * @param group        "order", "private" or "public"
     * @param retCode      what the fake answered (-1 for HTTP faults and dropped answers)
     */
    public record Entry(long arrivalNanos, String method, String path, String query, String body,
                        String apiKey, String group, int retCode) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(Entry e) {
        entries.add(e);
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public List<Entry> matching(Predicate<Entry> p) {
        return entries.stream().filter(p).toList();
    }

    public long count(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).count();
    }

    public void clear() {
        entries.clear();
    }

    /**
     * The largest number of requests of {@code group} by {@code apiKey} that arrived within any
     * window of {@code windowMillis}.
     */
    public int maxInAnyWindow(String apiKey, String group, long windowMillis) {
        List<Long> times = entries.stream()
                .filter(e -> e.apiKey().equals(apiKey) && e.group().equals(group))
                .map(Entry::arrivalNanos).sorted().toList();
        long window = windowMillis * 1_000_000L;
        int max = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= window) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}
