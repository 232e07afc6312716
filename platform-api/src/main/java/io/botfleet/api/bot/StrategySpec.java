package io.botfleet.api.bot;

import io.botfleet.api.market.Decimals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which strategy a bot runs.
 *
 * @param id      strategy id ({@code strategy.id} service property)
 * @param version OSGi version string, or null for the newest installed version not marked bad
 * @param params  strategy parameters as plain JSON-like data; never null (empty when none)
 */
public record StrategySpec(String id, String version, Map<String, Object> params) {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}(\\.\\d{1,9}(\\.\\d{1,9}(\\.[0-9A-Za-z_-]+)?)?)?");

    public StrategySpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidBotConfigException("strategy.id", "must be 1-64 characters of [a-z0-9-]");
        }
        if (version != null && !VERSION.matcher(version).matches()) {
            throw new InvalidBotConfigException("strategy.version",
                    "'" + version + "' is not an OSGi version (major.minor.micro[.qualifier])");
        }
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        boundedNumbers("strategy.params", params);
    }

    /** The same strategy at another version. */
    public StrategySpec withVersion(String newVersion) {
        return new StrategySpec(id, newVersion, params);
    }

    /** Every number in the parameters, however nested, within the bounds of {@link Decimals}. */
    private static void boundedNumbers(String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> boundedNumbers(path + "." + k, v));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                boundedNumbers(path + "[" + i + "]", list.get(i));
            }
        } else if (value instanceof BigDecimal || value instanceof BigInteger) {
            BigDecimal decimal = value instanceof BigInteger i ? new BigDecimal(i) : (BigDecimal) value;
            try {
                Decimals.check(decimal);
            } catch (IllegalArgumentException e) {
                throw new InvalidBotConfigException(path, e.getMessage());
            }
        }
    }
}
