package io.botfleet.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** The test-data files pass the strict reader as they are; hand-made candles line up. */
public class CandleFilesReadTest {

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
    public void handMadeClosesAreCandlesAMinuteApart() {
        List<Candle> candles = Candles.closes("1", "2.50");
        assertEquals(Candles.START.plusSeconds(60), candles.get(1).openTime());
        assertEquals(new BigDecimal("2.50"), candles.get(1).close());
        assertThrows(IllegalArgumentException.class, () -> Candles.closes("1", "0"));
    }
}
