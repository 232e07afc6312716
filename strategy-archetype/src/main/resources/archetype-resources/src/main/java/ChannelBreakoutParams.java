package ${package};

import io.botfleet.api.strategy.StrategyParameterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The validated parameters: how many earlier closes an entry must beat ({@code entryPeriod},
 * default 20) and an exit must undercut ({@code exitPeriod}, default 10), each 1 to 1000.
 */
public record ChannelBreakoutParams(int entryPeriod, int exitPeriod) {

    public static final String ENTRY_PERIOD = "entryPeriod";
    public static final String EXIT_PERIOD = "exitPeriod";
    public static final int DEFAULT_ENTRY_PERIOD = 20;
    public static final int DEFAULT_EXIT_PERIOD = 10;
    public static final int MAX_PERIOD = 1000;

    /** JSON Schema of the params object, published as the service property strategy.params.schema. */
    public static final String JSON_SCHEMA = "{\"type\":\"object\",\"properties\":{"
            + "\"entryPeriod\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000,\"default\":20,"
            + "\"description\":\"earlier closes an entry's close must be above\"},"
            + "\"exitPeriod\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000,\"default\":10,"
            + "\"description\":\"earlier closes an exit's close must be below\"}}}";

    public ChannelBreakoutParams {
        requireInRange(ENTRY_PERIOD, entryPeriod);
        requireInRange(EXIT_PERIOD, exitPeriod);
    }

    /**
     * Reads a bot's {@code strategy.params}; a missing key takes its default. Unknown keys are
     * ignored on purpose: a bot rolled back from a later version that added a parameter must
     * still start.
     *
     * @throws StrategyParameterException naming the parameter that is invalid
     */
    public static ChannelBreakoutParams from(Map<String, Object> params) {
        Map<String, Object> given = params == null ? Map.of() : params;
        return new ChannelBreakoutParams(integer(given, ENTRY_PERIOD, DEFAULT_ENTRY_PERIOD),
                integer(given, EXIT_PERIOD, DEFAULT_EXIT_PERIOD));
    }

    /** The number of closes the strategy keeps. */
    public int longestPeriod() {
        return Math.max(entryPeriod, exitPeriod);
    }

    private static void requireInRange(String name, int value) {
        if (value < 1 || value > MAX_PERIOD) {
            throw new StrategyParameterException(name, "must be between 1 and " + MAX_PERIOD
                    + ", was " + value);
        }
    }

    /**
     * JSON numbers arrive as Integer, Long or BigDecimal, and after a database round trip
     * possibly as Double: any of them holding an integral value is accepted (20, 20.0).
     * Strings are refused: a quoted number is a typo worth hearing about.
     */
    private static int integer(Map<String, Object> params, String name, int fallback) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        BigDecimal decimal;
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            decimal = d;
        } else if (value instanceof BigInteger i) {
            decimal = new BigDecimal(i);
        } else if ((value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())) {
            decimal = new BigDecimal(value.toString());
        } else {
            throw new StrategyParameterException(name, "must be an integer, was "
                    + value.getClass().getSimpleName() + " '" + value + "'");
        }
        BigDecimal integral = decimal.stripTrailingZeros();
        if (integral.scale() > 0) {
            throw new StrategyParameterException(name, "must be an integer, was "
                    + decimal.toPlainString());
        }
        if (integral.compareTo(BigDecimal.ONE) < 0
                || integral.compareTo(BigDecimal.valueOf(MAX_PERIOD)) > 0) {
            throw new StrategyParameterException(name, "must be between 1 and " + MAX_PERIOD
                    + ", was " + decimal.toPlainString());
        }
        return integral.intValueExact();
    }
}
