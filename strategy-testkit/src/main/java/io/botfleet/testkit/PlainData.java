package io.botfleet.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot looks like after the runtime stored it and read it back: the same tree of maps,
 * lists, strings, booleans and nulls, with every number turned into a {@link BigDecimal} (a
 * database or JSON may hand back any Number type). Anything else in a snapshot (a strategy's
 * own class, an array, a {@code Set}) is refused: it would pin the old bundle's class loader
 * after a swap, or not survive the database at all.
 */
public final class PlainData {

    private PlainData() {
    }

    /**
     * A deep copy of a snapshot as it comes back from the database.
     *
     * @throws AssertionError naming the path of the first value that is not plain data
     */
    public static Map<String, Object> throughTheDatabase(Map<String, Object> snapshot) {
        if (snapshot == null) {
            throw new AssertionError("snapshot() returned null; return a map, empty if stateless");
        }
        return map(snapshot, "snapshot");
    }

    private static Map<String, Object> map(Map<?, ?> map, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new AssertionError(path + " has a key that is not a string: "
                        + describe(entry.getKey()));
            }
            copy.put(key, value(entry.getValue(), path + "." + key));
        }
        return copy;
    }

    private static Object value(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new AssertionError(path + " is " + d + ", which JSON cannot store");
            }
            return new BigDecimal(Double.toString(d));
        }
        if (value instanceof Map<?, ?> nested) {
            return map(nested, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(value(list.get(i), path + "[" + i + "]"));
            }
            return copy;
        }
        throw new AssertionError(path + " is not plain data: " + describe(value)
                + "; use maps, lists, strings, numbers, booleans and nulls only");
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName() + " '" + value + "'";
    }
}
