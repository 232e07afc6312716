package io.botfleet.benchmarks.backtest;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.backtest.dataset.CandleSeries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;

/**
 * Synthetic 1m candles for the backtest benchmarks: a seeded random walk of 2-decimal prices
 * around 20,000 in steps of 0.01 to 0.05, a third of them unchanged, so flat stretches make the
 * SMA averages exactly equal now and then (the exact ties where double sums decide differently).
 */
final class SyntheticWalk {

    static final String SYMBOL = "BTCUSDT";
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private SyntheticWalk() {
    }

    static CandleSeries series(int n, long seed) {
        Random random = new Random(seed);
        CandleSeries.Builder builder = new CandleSeries.Builder(Interval.M1, n);
        long cents = 2_000_000;
        BigDecimal volume = new BigDecimal("1.234");
        for (int i = 0; i < n; i++) {
            long open = cents;
            int r = random.nextInt(15);
            cents += r < 5 ? 0 : r < 10 ? -(r - 4) : (r - 9);
            BigDecimal o = BigDecimal.valueOf(open, 2);
            BigDecimal c = BigDecimal.valueOf(cents, 2);
            builder.add(new Candle(SYMBOL, Interval.M1, START.plusSeconds(60L * i), o, o.max(c), o.min(c), c,
                    volume, true));
        }
        return builder.build();
    }
}
