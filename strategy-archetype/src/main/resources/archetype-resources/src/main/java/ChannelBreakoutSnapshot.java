package ${package};

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy's state as plain data: JDK maps, lists, strings and longs only, so that no class
 * of this bundle outlives a swap, and closes as strings, so that a database round trip cannot
 * turn them into inexact doubles. {@code format} lets a later version read what this one wrote.
 */
final class ChannelBreakoutSnapshot {

    static final String FORMAT = "format";
    static final String CLOSES = "closes";
    static final long CURRENT_FORMAT = 1;

    private ChannelBreakoutSnapshot() {
    }

    static Map<String, Object> of(List<BigDecimal> closes) {
        List<Object> texts = new ArrayList<>(closes.size());
        for (BigDecimal close : closes) {
            texts.add(close.toPlainString());
        }
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put(FORMAT, CURRENT_FORMAT);
        snapshot.put(CLOSES, texts);
        return snapshot;
    }

    /**
     * The closes of a snapshot, oldest first.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static List<BigDecimal> closes(Map<String, Object> snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot is null");
        }
        Object format = snapshot.get(FORMAT);
        if (!(format instanceof Number n) || !isCurrentFormat(n)) {
            throw new IllegalArgumentException("snapshot format '" + format
                    + "' is not understood; this version reads format " + CURRENT_FORMAT);
        }
        if (!(snapshot.get(CLOSES) instanceof List<?> list)) {
            throw new IllegalArgumentException("snapshot needs '" + CLOSES
                    + "' as a list of decimal strings, was " + snapshot.get(CLOSES));
        }
        List<BigDecimal> closes = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            closes.add(positiveDecimal(list.get(i), i));
        }
        return closes;
    }

    /** 1 in any Number type: a database may hand back 1, 1L, 1.0 or BigDecimal 1. */
    private static boolean isCurrentFormat(Number n) {
        try {
            return new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(CURRENT_FORMAT)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static BigDecimal positiveDecimal(Object value, int index) {
        if (value instanceof String || value instanceof BigDecimal) {
            try {
                BigDecimal close = new BigDecimal(value.toString());
                if (close.signum() > 0) {
                    return close;
                }
            } catch (NumberFormatException e) {
                // reported below with the element's position
            }
        }
        throw new IllegalArgumentException("snapshot " + CLOSES + "[" + index
                + "] must be a positive decimal, was '" + value + "'");
    }
}
