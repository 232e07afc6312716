package io.botfleet.api.market;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.Test;

public class CandleTest {

    private static Candle candle(String high, String low) {
        return new Candle("BTCUSDT", Interval.M1, Instant.ofEpochSecond(60), new BigDecimal("1"),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal("1"), BigDecimal.ONE, true);
    }

    @Test
    public void closeTimeIsOpenPlusInterval() {
        assertEquals(Instant.ofEpochSecond(120), candle("2", "1").closeTime());
    }

    @Test
    public void refusesHighBelowLowWithBothValues() {
        try {
            candle("1", "2");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("high 1 is below low 2"));
        }
    }

    @Test
    public void parsesIntervalCodesAndNamesTheAcceptedOnes() {
        assertEquals(Interval.H4, Interval.parse("4h"));
        try {
            Interval.parse("2m");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("1m, 3m, 5m"));
        }
    }
}
