package io.botfleet.backtest.engine;

import io.botfleet.api.market.CandleCsv;
import java.math.BigDecimal;
import java.util.Random;

/**
 * Synthetic 1m candles whose closes are a random walk on a coarse grid (steps of 0.1 among few
 * levels, often unchanged), so the fast and slow averages are often exactly equal: the data of
 * exact ties, where a double sum decides differently from an exact one.
 */
final class TieCandles {

    static final long START = 1_600_000_000_000L - 1_600_000_000_000L % 60_000;

    private TieCandles() {
    }

    /** The CSV text of {@code n} candles, seeded. */
    static String csv(int n, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(CandleCsv.HEADER).append('\n');
        long tenths = 1000; // 100.0
        for (int i = 0; i < n; i++) {
            long open = tenths;
            int r = random.nextInt(10);
            tenths += r < 3 ? -1 : r < 6 ? 1 : 0;
            tenths = Math.max(900, Math.min(1100, tenths));
            BigDecimal o = BigDecimal.valueOf(open, 1);
            BigDecimal c = BigDecimal.valueOf(tenths, 1);
            out.append(START + i * 60_000L).append(',').append(o.toPlainString()).append(',')
                    .append(o.max(c).toPlainString()).append(',').append(o.min(c).toPlainString()).append(',')
                    .append(c.toPlainString()).append(",1.5\n");
        }
        return out.toString();
    }
}
