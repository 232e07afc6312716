package io.botfleet.api.market;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class DecimalsTest {

    private static String refusal(String text) {
        try {
            Decimals.parse(text);
            fail("expected " + text + " to be refused");
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    public void acceptsWhatMoneyNeeds() {
        assertEquals(new BigDecimal("0.01"), Decimals.parse(" 0.01 "));
        assertEquals(new BigDecimal("-5"), Decimals.parse("-5"));
        assertEquals(0, new BigDecimal("1500").compareTo(Decimals.parse("1.5e3")));
        assertEquals(30, Decimals.parse("0." + "0".repeat(29) + "1").scale());
        assertEquals(31, Decimals.parse("9".repeat(31)).precision());
        assertEquals(new BigDecimal("1E+30"), Decimals.parse("1e30"));
        assertEquals(new BigDecimal("1E-30"), Decimals.parse("1e-30"));
    }

    @Test
    public void refusesHugeExponentsAndScalesWithoutExpandingThem() {
        long before = System.nanoTime();
        assertTrue(refusal("1e999999999"), refusal("1e999999999").contains("too large"));
        assertTrue(refusal("-1E+999999999").contains("too large"));
        assertTrue(refusal("1e-999999999").contains("digits after the decimal point"));
        assertTrue(refusal("0E-999999999").contains("digits after the decimal point"));
        assertTrue(refusal("0E+999999999").contains("too large"));
        assertTrue(refusal("1e31").contains("too large"));
        assertTrue(refusal("1" + "0".repeat(31)).contains("too large"));
        assertTrue(refusal("1e-31").contains("digits after the decimal point"));
        assertTrue(refusal("0." + "0".repeat(30) + "1").contains("digits after the decimal point"));
        assertTrue(refusal("1".repeat(101)).contains("within 100 characters"));
        assertTrue(refusal("12abc").contains("not a decimal number"));
        assertTrue("refusing must not expand the number", System.nanoTime() - before < 1_000_000_000L);
    }

    @Test
    public void botRecordsRefuseOutOfBoundDecimalsNamingTheField() {
        try {
            RiskLimits.ofOrderQty(new BigDecimal("-1E+999999999"));
            fail();
        } catch (InvalidBotConfigException e) {
            assertEquals("risk.orderQty", e.field());
        }
        try {
            new RiskLimits(BigDecimal.ONE, null, null, new BigDecimal("1E-40"), null, null);
            fail();
        } catch (InvalidBotConfigException e) {
            assertEquals("risk.stopLossPct", e.field());
        }
        try {
            new StrategySpec("sma", null, Map.of("bands", List.of(BigDecimal.ONE, new BigDecimal("1e999999999"))));
            fail();
        } catch (InvalidBotConfigException e) {
            assertEquals("strategy.params.bands[1]", e.field());
        }
    }
}
