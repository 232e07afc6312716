package io.botfleet.strategy.rsi;

import io.botfleet.api.strategy.StrategyParameterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The validated parameters of the RSI reversion: the number of changes the RSI averages
 * ({@code 2 <= period <= 1000}, default 14) and the two thresholds
 * ({@code 0 < lower < upper < 100}, defaults 30 and 70), exact decimals.
 *
 * @param period number of close-to-close changes in the RSI window
 * @param lower  entry threshold: the RSI crossing below it enters
 * @param upper  exit threshold: the RSI crossing above it exits
 */
public record RsiParams(int period, BigDecimal lower, BigDecimal upper) {

    public static final String PERIOD = "period";
    public static final String LOWER = "lower";
    public static final String UPPER = "upper";
    public static final int DEFAULT_PERIOD = 14;
    public static final BigDecimal DEFAULT_LOWER = BigDecimal.valueOf(30);
    public static final BigDecimal DEFAULT_UPPER = BigDecimal.valueOf(70);
    public static final int MIN_PERIOD = 2;
    public static final int MAX_PERIOD = 1000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** JSON Schema (draft 2020-12) of the params object, published as a service property. */
    public static final String JSON_SCHEMA = "{"
            + "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"object\","
            + "\"properties\":{"
            + "\"period\":{\"type\":\"integer\",\"minimum\":2,\"maximum\":1000,\"default\":14,"
            + "\"description\":\"close-to-close changes the RSI averages\"},"
            + "\"lower\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":100,"
            + "\"default\":30,\"description\":\"enter long when the RSI crosses below this\"},"
            + "\"upper\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":100,"
            + "\"default\":70,\"description\":\"exit when the RSI crosses above this; above lower\"}"
            + "}}";

    public RsiParams {
        if (period < MIN_PERIOD || period > MAX_PERIOD) {
            throw new StrategyParameterException(PERIOD, "must be between " + MIN_PERIOD + " and "
                    + MAX_PERIOD + ", was " + period);
        }
        requireOpenPercent(LOWER, lower);
        requireOpenPercent(UPPER, upper);
        if (lower.compareTo(upper) >= 0) {
            throw new StrategyParameterException(LOWER, "must be less than upper ("
                    + upper.toPlainString() + "), was " + lower.toPlainString());
        }
    }

    /**
     * Reads the parameters from a bot's {@code strategy.params}; a missing key takes its
     * default. Unknown keys are ignored on purpose: a bot rolled back from a later version that
     * added a parameter must still start.
     *
     * @throws StrategyParameterException naming the parameter that is invalid
     */
    public static RsiParams from(Map<String, Object> params) {
        Map<String, Object> given = params == null ? Map.of() : params;
        BigDecimal period = number(given, PERIOD, BigDecimal.valueOf(DEFAULT_PERIOD));
        BigDecimal integral = period.stripTrailingZeros();
        if (integral.scale() > 0) {
            throw new StrategyParameterException(PERIOD, "must be an integer, was "
                    + period.toPlainString());
        }
        if (integral.compareTo(BigDecimal.valueOf(MAX_PERIOD)) > 0
                || integral.compareTo(BigDecimal.valueOf(MIN_PERIOD)) < 0) {
            throw new StrategyParameterException(PERIOD, "must be between " + MIN_PERIOD + " and "
                    + MAX_PERIOD + ", was " + period.toPlainString());
        }
        return new RsiParams(integral.intValueExact(), number(given, LOWER, DEFAULT_LOWER),
                number(given, UPPER, DEFAULT_UPPER));
    }

    private static void requireOpenPercent(String name, BigDecimal value) {
        if (value == null) {
            throw new StrategyParameterException(name, "required");
        }
        if (value.signum() <= 0 || value.compareTo(HUNDRED) >= 0) {
            throw new StrategyParameterException(name, "must be above 0 and below 100, was "
                    + value.toPlainString());
        }
    }

    /**
     * JSON numbers arrive as Integer, Long or BigDecimal, and after a database round trip
     * possibly as Double; a double is taken as the decimal it prints as (30.5, not the binary
     * expansion of it). Strings are refused: a quoted number is a typo worth hearing about.
     */
    private static BigDecimal number(Map<String, Object> params, String name,
                                     BigDecimal fallback) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return new BigDecimal(Double.toString(d));
            }
        }
        throw new StrategyParameterException(name, "must be a number, was "
                + value.getClass().getSimpleName() + " '" + value + "'");
    }
}
