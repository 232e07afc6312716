package io.botfleet.strategy.sma;

import io.botfleet.api.strategy.StrategyParameterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The validated parameters of the SMA crossover: the lengths of the fast and the slow moving
 * average, {@code 1 <= fast < slow <= 1000}. Both are required: a default would hide a typo in
 * a bot's configuration behind a strategy that silently trades something else.
 *
 * @param fast number of closes in the fast average
 * @param slow number of closes in the slow average
 */
public record SmaParams(int fast, int slow) {

    public static final String FAST = "fast";
    public static final String SLOW = "slow";
    public static final int MAX_LENGTH = 1000;

    /** JSON Schema (draft 2020-12) of the params object, published as a service property. */
    public static final String JSON_SCHEMA = "{"
            + "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"object\","
            + "\"required\":[\"fast\",\"slow\"],"
            + "\"properties\":{"
            + "\"fast\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":999,"
            + "\"description\":\"closes in the fast average; must be less than slow\"},"
            + "\"slow\":{\"type\":\"integer\",\"minimum\":2,\"maximum\":1000,"
            + "\"description\":\"closes in the slow average\"}"
            + "}}";

    public SmaParams {
        if (fast < 1) {
            throw new StrategyParameterException(FAST, "must be >= 1, was " + fast);
        }
        if (slow > MAX_LENGTH) {
            throw new StrategyParameterException(SLOW, "must be <= " + MAX_LENGTH + ", was " + slow);
        }
        if (fast >= slow) {
            throw new StrategyParameterException(FAST,
                    "must be less than slow (" + slow + "), was " + fast);
        }
    }

    /**
     * Reads the parameters from a bot's {@code strategy.params}. Unknown keys are ignored on
     * purpose: a bot rolled back from a later version that added a parameter must still start.
     *
     * @throws StrategyParameterException naming the parameter that is missing or invalid
     */
    public static SmaParams from(Map<String, Object> params) {
        if (params == null) {
            throw new StrategyParameterException(FAST, "required, but no params were given");
        }
        return new SmaParams(integer(params, FAST), integer(params, SLOW));
    }

    /**
     * JSON numbers arrive as Integer or Long, and after a database round trip possibly as
     * BigDecimal or Double; any of them is accepted when it holds an integral value.
     */
    private static int integer(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            throw new StrategyParameterException(name, "required integer, missing");
        }
        BigDecimal exact = toBigDecimal(value);
        if (exact == null) {
            throw new StrategyParameterException(name, "must be an integer, was "
                    + value.getClass().getSimpleName() + " '" + value + "'");
        }
        BigDecimal integral = exact.stripTrailingZeros();
        if (integral.scale() > 0) {
            throw new StrategyParameterException(name, "must be an integer, was " + value);
        }
        if (integral.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || integral.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw new StrategyParameterException(name,
                    "must be between 1 and " + MAX_LENGTH + ", was " + value);
        }
        return integral.intValueExact();
    }

    private static BigDecimal toBigDecimal(Object value) {
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
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        return null;
    }
}
