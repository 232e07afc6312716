package io.botfleet.control.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Component;

/**
 * Counts of the API's answers, for {@code /metrics}: requests by status code, and refused
 * authentications (bad tokens, throttled clients) — the figures an operator alerts on when
 * someone is guessing tokens. Lock-free; recording costs one map look-up and one add.
 */
@Component(service = HttpStats.class)
public class HttpStats {

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder badTokens = new LongAdder();
    private final LongAdder throttled = new LongAdder();

    public void recordStatus(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public void recordBadToken() {
        badTokens.increment();
    }

    public void recordThrottled() {
        throttled.increment();
    }

    /** Requests answered, by status code, in code order. */
    public Map<Integer, Long> requestsByStatus() {
        Map<Integer, Long> out = new TreeMap<>();
        byStatus.forEach((status, n) -> out.put(status, n.sum()));
        return out;
    }

    public long badTokens() {
        return badTokens.sum();
    }

    public long throttled() {
        return throttled.sum();
    }
}
