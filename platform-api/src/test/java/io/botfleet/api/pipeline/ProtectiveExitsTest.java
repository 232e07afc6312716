package io.botfleet.api.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.strategy.SignalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.Test;

public class ProtectiveExitsTest {

    private final ProtectiveExits exits = new ProtectiveExits();
    private final RiskLimits limits = new RiskLimits(BigDecimal.ONE, null, null, new BigDecimal("2"),
            new BigDecimal("4"), null);

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    public void triggersExactlyAtTheThresholds() {
        assertEquals(SignalType.EXIT_LONG, exits.check(limits, d("1"), d("100"), d("98")).orElseThrow().type());
        assertFalse(exits.check(limits, d("1"), d("100"), d("98.0001")).isPresent());
        assertTrue(exits.check(limits, d("1"), d("100"), d("104")).orElseThrow().reason().startsWith("take-profit"));
        assertFalse(exits.check(limits, d("1"), d("100"), d("103.9999")).isPresent());
    }

    @Test
    public void worksForShortsAndTinyPrices() {
        assertEquals(SignalType.EXIT_SHORT, exits.check(limits, d("-5"), d("0.00162008"), d("0.0016525")).orElseThrow().type());
        assertTrue(exits.check(limits, d("-5"), d("0.00162008"), d("0.0015552")).orElseThrow().reason().startsWith("take-profit"));
        assertFalse(exits.check(limits, d("0"), d("100"), d("1")).isPresent());
    }

    @Test
    public void dailyLossBlocksEntriesUntilTheNextUtcDay() {
        DailyLoss daily = DailyLoss.from(Map.of());
        Instant day1 = Instant.parse("2017-11-05T10:00:00Z");
        daily.onCandle(day1, d("10"));
        BigDecimal max = d("5");
        assertEquals(null, daily.block(max, d("6")));
        assertTrue(daily.block(max, d("5")).contains("reached maxDailyLoss 5"));
        DailyLoss restored = DailyLoss.from(daily.toState());
        assertTrue(restored.block(max, d("4")) != null);
        restored.onCandle(Instant.parse("2017-11-06T00:00:00Z"), d("4"));
        assertEquals(null, restored.block(max, d("4")));
        assertEquals(null, DailyLoss.from(Map.of("day", "garbage", "dayStartRealizedPnl", "x")).block(max, d("-100")));
    }
}
