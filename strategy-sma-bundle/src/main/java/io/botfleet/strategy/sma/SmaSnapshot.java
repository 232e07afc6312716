package io.botfleet.strategy.sma;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy's state as plain data, e.g.
 * {@code {"format":1,"fast":10,"slow":30,"closes":["0.0016", ...]}}: only JDK maps, lists,
 * strings and longs, so no class of this bundle outlives a swap, and closes as strings so a
 * database round trip cannot turn them into inexact doubles.
 */
final class SmaSnapshot {

    static final String FORMAT = "format";
    static final String CLOSES = "closes";
    static final long CURRENT_FORMAT = 1;

    private SmaSnapshot() {
    }

    static Map<String, Object> of(SmaParams params, List<BigDecimal> closes) {
        List<Object> texts = new ArrayList<>(closes.size());
        for (BigDecimal close : closes) {
            texts.add(close.toPlainString());
        }
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put(FORMAT, CURRENT_FORMAT);
        // fast and slow are informational: restore() uses the configured lengths.
        snapshot.put(SmaParams.FAST, (long) params.fast());
        snapshot.put(SmaParams.SLOW, (long) params.slow());
        snapshot.put(CLOSES, texts);
        return snapshot;
    }

    /**
     * The closes of a snapshot, oldest first, validated.
     *
     * @throws IllegalArgumentException saying what is wrong with the snapshot
     */
    static List<BigDecimal> closes(Map<String, Object> snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("sma snapshot is null");
        }
        Object format = snapshot.get(FORMAT);
        if (format != null && !(format instanceof Number n && n.longValue() <= CURRENT_FORMAT
                && n.longValue() >= 1)) {
            throw new IllegalArgumentException("sma snapshot format '" + format
                    + "' is not understood; this version reads formats 1.." + CURRENT_FORMAT);
        }
        Object raw = snapshot.get(CLOSES);
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("sma snapshot needs '" + CLOSES
                    + "' as a list of decimal strings, was " + describe(raw));
        }
        List<BigDecimal> closes = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            closes.add(close(list.get(i), i));
        }
        return closes;
    }

    private static BigDecimal close(Object value, int index) {
        if (value instanceof String || value instanceof BigDecimal || value instanceof Long
                || value instanceof Integer) {
            try {
                BigDecimal close = new BigDecimal(value.toString());
                if (close.signum() > 0) {
                    return close;
                }
            } catch (NumberFormatException e) {
                // reported below with the element's position
            }
        }
        throw new IllegalArgumentException("sma snapshot " + CLOSES + "[" + index
                + "] must be a positive decimal, was " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " '" + value + "'";
    }
}
