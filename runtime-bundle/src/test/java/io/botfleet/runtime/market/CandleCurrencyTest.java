package io.botfleet.runtime.market;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

/** Current or history by the exchange's clock alone: one interval plus the lateness margin after the close. */
public class CandleCurrencyTest {

    private static final Instant OPEN = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration LATENESS = Duration.ofSeconds(10);

    private static Candle candle(Interval interval) {
        BigDecimal p = new BigDecimal("100");
        return new Candle("BTCUSDT", interval, OPEN, p, p, p, p, BigDecimal.ONE, true);
    }

    @Test
    public void theNewestClosedCandleIsCurrent() {
        Candle c = candle(Interval.M1); // closes 10:01:00
        assertNull(CandleCurrency.historyReason(c, Instant.parse("2026-03-02T10:01:00.500Z"), LATENESS));
        assertNull("still current while the next one forms", CandleCurrency.historyReason(c,
                Instant.parse("2026-03-02T10:01:59Z"), LATENESS));
    }

    @Test
    public void aCandleLateByLessThanTheMarginIsCurrent() {
        Candle c = candle(Interval.M1);
        // the next candle closed 9.999 s ago: this one is late, within the margin
        assertNull(CandleCurrency.historyReason(c, Instant.parse("2026-03-02T10:02:09.999Z"), LATENESS));
    }

    @Test
    public void oneIntervalPlusTheMarginAfterItsCloseItIsHistory() {
        Candle c = candle(Interval.M1);
        String reason = CandleCurrency.historyReason(c, Instant.parse("2026-03-02T10:02:10Z"), LATENESS);
        assertNotNull(reason);
        assertTrue(reason, reason.contains("closed at 2026-03-02T10:01:00Z, 1m10s before the exchange's time"));
        assertTrue(reason, reason.contains("1m + 10s"));
    }

    @Test
    public void aClockBehindTheCandleShowsItCurrent() {
        assertNull(CandleCurrency.historyReason(candle(Interval.M1), OPEN, LATENESS));
    }

    @Test
    public void theRuleScalesWithTheInterval() {
        Candle hourly = candle(Interval.H1); // closes 11:00
        assertNull(CandleCurrency.historyReason(hourly, Instant.parse("2026-03-02T11:59:00Z"), LATENESS));
        assertNotNull(CandleCurrency.historyReason(hourly, Instant.parse("2026-03-02T12:00:10Z"), LATENESS));
    }

    @Test
    public void withoutAMarginTheCandleBeforeTheNewestIsHistory() {
        // a replay's clock is the close of its latest candle: that candle is current, the one before is not
        Candle c = candle(Interval.M1);
        assertNull(CandleCurrency.historyReason(c, Instant.parse("2026-03-02T10:01:00Z"), Duration.ZERO));
        assertNotNull(CandleCurrency.historyReason(c, Instant.parse("2026-03-02T10:02:00Z"), Duration.ZERO));
    }
}
