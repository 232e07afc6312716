package io.botfleet.strategy.rsi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.strategy.StrategyParameterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class RsiParamsTest {

    private static final BigDecimal THIRTY = new BigDecimal("30");
    private static final BigDecimal SEVENTY = new BigDecimal("70");

    @Test
    public void missingKeysTakeTheDefaults() {
        assertEquals(new RsiParams(14, THIRTY, SEVENTY), RsiParams.from(Map.of()));
        assertEquals(new RsiParams(14, THIRTY, SEVENTY), RsiParams.from(null));
        assertEquals(new RsiParams(6, THIRTY, SEVENTY), RsiParams.from(Map.of("period", 6)));
    }

    @Test
    public void acceptsEveryNumberTypeAndKeepsDecimalsExact() {
        RsiParams params = RsiParams.from(Map.of("period", new BigDecimal("21.0"),
                "lower", 25.5, "upper", BigInteger.valueOf(80)));
        assertEquals(21, params.period());
        assertEquals(new BigDecimal("25.5"), params.lower()); // not 25.5's binary expansion
        assertEquals(0, new BigDecimal("80").compareTo(params.upper()));
        assertEquals(9, RsiParams.from(Map.of("period", 9L, "lower", 1e1)).period());
    }

    @Test
    public void ignoresUnknownKeysSoARolledBackBotStillStarts() {
        assertEquals(new RsiParams(14, THIRTY, SEVENTY), RsiParams.from(Map.of("addedInV2", true)));
    }

    @Test
    public void refusesBadPeriods() {
        assertRefused(Map.of("period", 1), "period", "between 2 and 1000, was 1");
        assertRefused(Map.of("period", 1001), "period", "between 2 and 1000");
        assertRefused(Map.of("period", 14.5), "period", "must be an integer, was 14.5");
        assertRefused(Map.of("period", 1e12), "period", "between 2 and 1000");
        assertRefused(Map.of("period", "14"), "period", "must be a number, was String '14'");
        assertRefused(Map.of("period", Double.NaN), "period", "must be a number");
    }

    @Test
    public void refusesThresholdsOutsideZeroToHundredOrInTheWrongOrder() {
        assertRefused(Map.of("lower", 0), "lower", "above 0 and below 100, was 0");
        assertRefused(Map.of("lower", -5), "lower", "above 0");
        assertRefused(Map.of("upper", 100), "upper", "below 100, was 100");
        assertRefused(Map.of("lower", 70, "upper", 30), "lower", "less than upper (30), was 70");
        assertRefused(Map.of("lower", 50, "upper", 50.0), "lower", "less than upper");
        assertRefused(Map.of("lower", 80), "lower", "less than upper (70)");
        assertRefused(Map.of("upper", true), "upper", "Boolean");
    }

    @Test
    public void schemaStatesTheDefaults() {
        assertTrue(RsiParams.JSON_SCHEMA.contains("\"default\":14"));
        assertTrue(RsiParams.JSON_SCHEMA.contains("\"default\":30"));
        assertTrue(RsiParams.JSON_SCHEMA.contains("\"default\":70"));
    }

    private static void assertRefused(Map<String, Object> params, String parameter,
                                      String messagePart) {
        try {
            RsiParams.from(new HashMap<>(params));
            fail("accepted " + params);
        } catch (StrategyParameterException e) {
            assertEquals(parameter, e.parameter());
            assertTrue(e.getMessage(), e.getMessage().startsWith(parameter + ": "));
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }
}
