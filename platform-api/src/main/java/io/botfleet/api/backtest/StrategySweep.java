package io.botfleet.api.backtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The strategy side of a backtest request: one strategy, one or more of its versions, and for each
 * parameter one or more values. The runs are the cross product, versions outermost, then the
 * parameters in the order given, the last one changing fastest.
 *
 * @param id       strategy id
 * @param versions installed versions to run, at least one, in the order given
 * @param params   each parameter's values, at least one each
 */
public record StrategySweep(String id, List<String> versions, Map<String, List<Object>> params) {

    public StrategySweep {
        Objects.requireNonNull(id, "id");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new InvalidBacktestException("strategy.version", "needs at least one version");
        }
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (values.isEmpty()) {
                throw new InvalidBacktestException("strategy.params." + name, "needs at least one value");
            }
            copy.put(name, List.copyOf(values));
        });
        params = Collections.unmodifiableMap(copy);
    }

    /** How many runs the cross product makes (saturating at {@link Long#MAX_VALUE}). */
    public long runCount() {
        long count = versions.size();
        for (List<Object> values : params.values()) {
            try {
                count = Math.multiplyExact(count, values.size());
            } catch (ArithmeticException tooMany) {
                return Long.MAX_VALUE;
            }
        }
        return count;
    }

    /** Run {@code n}'s version and params (0-based, {@code n < runCount()}). */
    public Combination combination(int n) {
        List<String> names = new ArrayList<>(params.keySet());
        Map<String, Object> chosen = new LinkedHashMap<>();
        long rest = n;
        for (int i = names.size() - 1; i >= 0; i--) {
            List<Object> values = params.get(names.get(i));
            chosen.put(names.get(i), values.get((int) (rest % values.size())));
            rest /= values.size();
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        names.forEach(name -> ordered.put(name, chosen.get(name)));
        return new Combination(versions.get((int) rest), ordered);
    }

    /** One run's version and parameter values. */
    public record Combination(String version, Map<String, Object> params) {
    }
}
