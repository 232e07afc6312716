package io.botfleet.api.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.DailyPnl;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.Test;

/** The day's PnL that status and metrics show says exactly what the risk gate decides. */
public class DailyPnlTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    public void noDayBeforeTheFirstCandle() {
        assertNull(DailyLoss.from(Map.of()).dailyPnl(d("5"), d("10")));
    }

    @Test
    public void theDaysRealizedPnlAndTheLimitAgreeWithTheGateAtTheBoundary() {
        DailyLoss daily = DailyLoss.from(Map.of());
        daily.onCandle(Instant.parse("2017-11-05T23:59:00Z"), d("10"));
        BigDecimal max = d("5");

        DailyPnl up = daily.dailyPnl(max, d("12.5"));
        assertEquals(new DailyPnl(LocalDate.parse("2017-11-05"), d("2.5"), max, false), up);

        DailyPnl justShort = daily.dailyPnl(max, d("5.0001"));
        assertEquals(0, d("-4.9999").compareTo(justShort.realizedPnl()));
        assertFalse(justShort.limitReached());
        assertNull(daily.block(max, d("5.0001")));

        DailyPnl reached = daily.dailyPnl(max, d("5"));
        assertEquals(0, d("-5").compareTo(reached.realizedPnl()));
        assertTrue(reached.limitReached());
        assertTrue(daily.block(max, d("5")) != null);

        // no limit: the PnL is still counted, nothing is ever reached
        DailyPnl unlimited = daily.dailyPnl(null, d("-100"));
        assertEquals(0, d("-110").compareTo(unlimited.realizedPnl()));
        assertFalse(unlimited.limitReached());

        // the next UTC day's first candle starts a new tally
        daily.onCandle(Instant.parse("2017-11-06T00:00:00Z"), d("5"));
        DailyPnl next = daily.dailyPnl(max, d("5"));
        assertEquals(LocalDate.parse("2017-11-06"), next.day());
        assertEquals(0, BigDecimal.ZERO.compareTo(next.realizedPnl()));
        assertFalse(next.limitReached());
    }
}
