package io.botfleet.strategy.sma;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.strategy.StrategyParameterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class SmaParamsTest {

    @Test
    public void acceptsEveryNumberTypeHoldingAnIntegralValue() {
        assertEquals(new SmaParams(10, 30), SmaParams.from(Map.of("fast", 10, "slow", 30L)));
        assertEquals(new SmaParams(10, 30), SmaParams.from(
                Map.of("fast", new BigDecimal("10.000"), "slow", 30.0)));
        assertEquals(new SmaParams(1, 1000), SmaParams.from(
                Map.of("fast", BigInteger.ONE, "slow", new BigDecimal("1E+3"))));
    }

    @Test
    public void ignoresUnknownKeysSoARolledBackBotStillStarts() {
        assertEquals(new SmaParams(5, 20),
                SmaParams.from(Map.of("fast", 5, "slow", 20, "addedInV2", true)));
    }

    @Test
    public void refusesMissingParameters() {
        assertRefused(Map.of("slow", 30), "fast", "missing");
        assertRefused(Map.of("fast", 10), "slow", "missing");
        assertRefused(null, "fast", "no params");
    }

    @Test
    public void refusesNonIntegers() {
        assertRefused(Map.of("fast", "10", "slow", 30), "fast", "String '10'");
        assertRefused(Map.of("fast", 10, "slow", 30.5), "slow", "integer");
        assertRefused(Map.of("fast", 10, "slow", Double.NaN), "slow", "integer");
        assertRefused(Map.of("fast", true, "slow", 30), "fast", "Boolean");
        assertRefused(Map.of("fast", 10, "slow", 1e12), "slow", "between");
    }

    @Test
    public void refusesLengthsOutOfRange() {
        assertRefused(Map.of("fast", 0, "slow", 30), "fast", ">= 1");
        assertRefused(Map.of("fast", -3, "slow", 30), "fast", ">= 1");
        assertRefused(Map.of("fast", 10, "slow", 1001), "slow", "<= 1000");
        assertRefused(Map.of("fast", 30, "slow", 30), "fast", "less than slow");
        assertRefused(Map.of("fast", 40, "slow", 30), "fast", "less than slow");
    }

    @Test
    public void schemaNamesBothParametersAsRequired() {
        assertTrue(SmaParams.JSON_SCHEMA.contains("\"required\":[\"fast\",\"slow\"]"));
    }

    private static void assertRefused(Map<String, Object> params, String parameter,
                                      String messagePart) {
        Map<String, Object> copy = params == null ? null : new HashMap<>(params);
        try {
            SmaParams.from(copy);
            fail("accepted " + params);
        } catch (StrategyParameterException e) {
            assertEquals(parameter, e.parameter());
            assertTrue(e.getMessage(), e.getMessage().startsWith(parameter + ": "));
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }
}
