package io.botfleet.strategy.rsi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy's state as plain data, e.g.
 * {@code {"format":1,"period":14,"closes":["0.0016", ...]}}: only JDK maps, lists, strings and
 * longs, so no class of this bundle outlives a swap, and closes as strings so a database round
 * trip cannot turn them into inexact doubles. The sums and the previous candle's zone follow
 * from the closes, so they are not stored.
 */
final class RsiSnapshot {

    static final String FORMAT = "format";
    static final String CLOSES = "closes";
    static final long CURRENT_FORMAT = 1;

    private RsiSnapshot() {
    }

    static Map<String, Object> of(RsiParams params, List<BigDecimal> closes) {
        List<Object> texts = new ArrayList<>(closes.size());
        for (BigDecimal close : closes) {
            texts.add(close.toPlainString());
        }
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put(FORMAT, CURRENT_FORMAT);
        // informational: restore() uses the configured period
        snapshot.put(RsiParams.PERIOD, (long) params.period());
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
            throw new IllegalArgumentException("rsi snapshot is null");
        }
        Object format = snapshot.get(FORMAT);
        if (format != null && !(format instanceof Number n && isFormat(n))) {
            throw new IllegalArgumentException("rsi snapshot format '" + format
                    + "' is not understood; this version reads formats 1.." + CURRENT_FORMAT);
        }
        Object raw = snapshot.get(CLOSES);
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("rsi snapshot needs '" + CLOSES
                    + "' as a list of decimal strings, was " + describe(raw));
        }
        List<BigDecimal> closes = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            closes.add(close(list.get(i), i));
        }
        return closes;
    }

    /** 1 in any Number type (a database may hand back 1, 1L, 1.0 or BigDecimal 1). */
    private static boolean isFormat(Number n) {
        try {
            long value = new BigDecimal(n.toString()).longValueExact();
            return value >= 1 && value <= CURRENT_FORMAT;
        } catch (ArithmeticException | NumberFormatException e) {
            return false;
        }
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
        throw new IllegalArgumentException("rsi snapshot " + CLOSES + "[" + index
                + "] must be a positive decimal, was " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " '" + value + "'";
    }
}
