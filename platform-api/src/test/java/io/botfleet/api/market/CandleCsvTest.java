package io.botfleet.api.market;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class CandleCsvTest {

    private static final String HEADER = CandleCsv.HEADER + "\n";
    private static final long T0 = 1_700_000_040_000L; // on the minute grid

    private static List<Candle> read(String csv) {
        return CandleCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv", "BTCUSDT",
                Interval.M1);
    }

    private static CandleCsvException refusal(String csv) {
        try {
            read(csv);
        } catch (CandleCsvException e) {
            return e;
        }
        fail("accepted: " + csv);
        return null;
    }

    @Test
    public void readsExactDecimalsOldestFirst() {
        List<Candle> candles = read(HEADER + T0 + ",100.10,101,99.5,100.5,12.000\r\n\n"
                + (T0 + 60_000) + ",100.5,100.5,100.5,100.5,0\n");
        assertEquals(2, candles.size());
        Candle first = candles.get(0);
        assertEquals(Instant.ofEpochMilli(T0), first.openTime());
        assertEquals(new BigDecimal("100.10"), first.open());
        assertEquals("12.000", first.volume().toPlainString());
        assertTrue(first.closed());
        assertEquals(Interval.M1, candles.get(1).interval());
    }

    @Test
    public void eachBadLineIsNamedWithItsLineAndField() {
        String row = T0 + ",100,101,99,100,1\n";
        assertRefused(refusal("time,o,h,l,c,v\n"), 1, null, "expected the header");
        assertRefused(refusal(HEADER + T0 + ",100,101,99,100\n"), 2, null, "has 5 fields");
        assertRefused(refusal(HEADER + "x" + T0 + ",100,101,99,100,1\n"), 2, "open_time_ms", "whole number");
        assertRefused(refusal(HEADER + (T0 + 1) + ",100,101,99,100,1\n"), 2, "open_time_ms", "not on the 1m grid");
        assertRefused(refusal(HEADER + row + row), 3, "open_time_ms", "not after the previous line's");
        assertRefused(refusal(HEADER + T0 + ",1o0,101,99,100,1\n"), 2, "open", "not a decimal");
        assertRefused(refusal(HEADER + T0 + ",100,101,99,100,1e999999999\n"), 2, "volume", "too large");
        assertRefused(refusal(HEADER + T0 + ",100,99,101,100,1\n"), 2, "high", "below low");
        assertRefused(refusal(HEADER + T0 + ",102,101,99,100,1\n"), 2, "high", "below open or close");
        assertRefused(refusal(HEADER + T0 + ",100,101,99,98,1\n"), 2, "low", "above open or close");
        assertRefused(refusal(HEADER + T0 + ",0,101,99,100,1\n"), 2, "open", "must be > 0");
        assertRefused(refusal(HEADER + T0 + ",100,101,99,100,-1\n"), 2, "volume", "must be >= 0");
    }

    @Test
    public void aLenientReadSkipsBadLinesAndReportsThem() {
        List<CandleCsvException> skipped = new ArrayList<>();
        List<Candle> candles = CandleCsv.readSkipping(new ByteArrayInputStream((HEADER + T0 + ",100,101,99,100,1\n"
                + (T0 + 60_000) + ",100,99,101,100,1\n" + (T0 + 60_000) + ",100,101,99,100,1\n")
                .getBytes(StandardCharsets.UTF_8)), "t.csv", "BTCUSDT", Interval.M1, skipped::add);
        assertEquals("a refused line does not count as the previous one", 2, candles.size());
        assertEquals(1, skipped.size());
        assertEquals(3, skipped.get(0).line());
    }

    @Test
    public void weeksOpenOnMondays() {
        assertTrue(Interval.W1.opensAt(Instant.parse("2026-12-07T00:00:00Z"))); // a Monday
        assertTrue(!Interval.W1.opensAt(Instant.parse("2026-12-03T00:00:00Z")));
        assertTrue(Interval.D1.opensAt(Instant.parse("2026-12-03T00:00:00Z")));
        assertTrue(!Interval.H4.opensAt(Instant.parse("2026-12-03T01:00:00Z")));
    }

    private static void assertRefused(CandleCsvException e, int line, String field, String reason) {
        assertEquals(e.getMessage(), line, e.line());
        if (field == null) {
            assertNull(e.getMessage(), e.field());
        } else {
            assertEquals(e.getMessage(), field, e.field());
        }
        assertTrue(e.getMessage(), e.reason().contains(reason));
        assertTrue(e.getMessage(), e.getMessage().startsWith("t.csv:" + line + ": "));
    }
}
