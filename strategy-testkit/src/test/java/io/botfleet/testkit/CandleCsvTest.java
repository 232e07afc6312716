package io.botfleet.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.testdata.CandleFiles;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class CandleCsvTest {

    @Test
    public void readsTheTestDataFilesAsTheyAre() {
        List<Candle> btc = CandleCsv.read(CandleFiles.path(CandleFiles.UNITTEST_BTC), "BTCUSDT",
                Interval.M1);
        assertEquals(13_681, btc.size());
        Candle first = btc.get(0);
        assertEquals(Instant.ofEpochMilli(1509836520000L), first.openTime());
        assertEquals(new BigDecimal("0.00162008"), first.close());
        assertTrue(first.closed());
        assertEquals(14_397, CandleCsv.read(CandleFiles.open(CandleFiles.ETH_BTC), "eth",
                "ETHBTC", Interval.M1).size());
    }

    @Test
    public void badLinesAreErrorsNamingTheLine() {
        assertRefused("time,o,h,l,c,v\n", "x.csv:1: expected the header");
        assertRefused(CandleCsv.HEADER + "\n60000,1,1,1,1,1\n60000,1,1,1,1,1\n",
                "x.csv:3: open time 1970-01-01T00:01:00Z is not after");
        assertRefused(CandleCsv.HEADER + "\n60000,1,1,1,abc,1\n", "x.csv:2:");
        assertRefused(CandleCsv.HEADER + "\n60000,1,1,2,1,1\n", "x.csv:2: candle high 1 is below low 2");
        assertRefused(CandleCsv.HEADER + "\n60000,1,1,1\n", "x.csv:2: expected 6 fields, found 4");
    }

    @Test
    public void handMadeClosesAreCandlesAMinuteApart() {
        List<Candle> candles = Candles.closes("1", "2.50");
        assertEquals(Candles.START.plusSeconds(60), candles.get(1).openTime());
        assertEquals(new BigDecimal("2.50"), candles.get(1).close());
        assertThrows(IllegalArgumentException.class, () -> Candles.closes("1", "0"));
    }

    private static void assertRefused(String text, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CandleCsv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        "x.csv", "BTCUSDT", Interval.M1));
        assertTrue(e.getMessage(), e.getMessage().startsWith(messageStart));
    }
}
