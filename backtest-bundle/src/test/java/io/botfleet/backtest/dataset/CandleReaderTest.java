package io.botfleet.backtest.dataset;

import static org.junit.Assert.assertEquals;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;
import org.junit.Test;

/** A reader's candles are the series' candles, value and scale, however its shared decimals recur. */
public class CandleReaderTest {

    @Test
    public void readsTheSeriesCandlesExactly() {
        Random random = new Random(11);
        int n = 20_000;
        CandleSeries.Builder builder = new CandleSeries.Builder(Interval.M1, n);
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        long cents = 2_000_000;
        for (int i = 0; i < n; i++) {
            long open = cents;
            // steps wide enough to collide in the reader's slots now and then
            cents = Math.max(1, cents + random.nextInt(4001) - 2000);
            BigDecimal o = BigDecimal.valueOf(open, 2);
            BigDecimal c = BigDecimal.valueOf(cents, 2);
            BigDecimal volume = i == 5 ? new BigDecimal("0.0001") : BigDecimal.valueOf(random.nextInt(1000), 1);
            builder.add(new Candle("BTCUSDT", Interval.M1, t.plusSeconds(60L * i), o, o.max(c), o.min(c), c, volume,
                    true));
        }
        CandleSeries series = builder.build();
        CandleReader reader = series.reader("BTCUSDT");
        for (int i = 0; i < n; i++) {
            Candle expected = series.candle(i, "BTCUSDT");
            Candle read = reader.candle(i);
            assertEquals("candle " + i, expected, read); // BigDecimal.equals: value and scale
            assertEquals(expected.openTime().toEpochMilli(), reader.openTimeMillis(i));
        }
    }
}
