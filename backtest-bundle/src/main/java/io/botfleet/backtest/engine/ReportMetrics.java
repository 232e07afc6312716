package io.botfleet.backtest.engine;

import io.botfleet.api.backtest.RunReport;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Computes a run's {@link RunReport} (the API's report, every definition in docs/api.md and the
 * module README) from its equity curve, fills and trades.
 */
public final class ReportMetrics {

    private static final MathContext RATIO = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final double ANNUAL = Math.sqrt(365);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** What a run counted besides its curve, fills and trades. */
    public record Counts(long candles, Instant firstCandle, Instant lastCandle, long orders,
                         long candlesInPosition, BigDecimal firstClose, BigDecimal lastClose,
                         Map<String, BigDecimal> endBalances, BigDecimal finalQty, BigDecimal finalAvgPrice) {
    }

    private ReportMetrics() {
    }

    public static RunReport report(Counts counts, EquityCurve equity, List<BacktestFill> fills,
                                        List<BacktestTrade> trades) {
        BigDecimal fees = BigDecimal.ZERO;
        for (BacktestFill f : fills) {
            fees = fees.add(f.fee());
        }
        int wins = 0;
        int losses = 0;
        BigDecimal grossProfit = BigDecimal.ZERO;
        BigDecimal grossLoss = BigDecimal.ZERO;
        long tradeMillis = 0;
        for (BacktestTrade t : trades) {
            if (t.pnl().signum() > 0) {
                wins++;
                grossProfit = grossProfit.add(t.pnl());
            } else if (t.pnl().signum() < 0) {
                losses++;
                grossLoss = grossLoss.add(t.pnl().negate());
            }
            tradeMillis += t.duration().toMillis();
        }
        BigDecimal first = equity.size() == 0 ? BigDecimal.ZERO : equity.value(0);
        BigDecimal last = equity.size() == 0 ? BigDecimal.ZERO : equity.value(equity.size() - 1);
        BigDecimal netPnl = last.subtract(first);
        BigDecimal maxDrawdown = BigDecimal.ZERO;
        // the largest fall/peak, kept as its two terms and compared by cross-multiplication: one
        // division at the end instead of one per candle
        BigDecimal pctFall = BigDecimal.ZERO;
        BigDecimal pctPeak = null;
        // the running peak and the lowest point since it, as indices into the curve, compared in
        // its columns: a decimal is made only at a new trough
        int peak = -1;
        // a point not below the trough falls no further from the same peak, so it cannot be a
        // larger drawdown, absolute or relative (most points of a curve)
        int trough = -1;
        for (int i = 0; i < equity.size(); i++) {
            if (peak >= 0 && equity.repeats(i)) {
                // equal to the point before (a flat stretch): at or below the peak and at or
                // above the trough already
                continue;
            }
            if (peak < 0 || equity.compare(i, peak) > 0) {
                peak = i;
                trough = i;
                continue;
            }
            if (equity.compare(i, trough) >= 0) {
                continue;
            }
            trough = i;
            BigDecimal top = equity.value(peak);
            BigDecimal fall = top.subtract(equity.value(i));
            maxDrawdown = maxDrawdown.max(fall);
            if (top.signum() > 0 && (pctPeak == null || largerShare(fall, top, pctFall, pctPeak))) {
                pctFall = fall;
                pctPeak = top;
            }
        }
        BigDecimal peakValue = peak < 0 ? null : equity.value(peak);
        BigDecimal maxDrawdownPct = peakValue == null || peakValue.signum() <= 0 ? null
                : pctPeak == null ? BigDecimal.ZERO : pctFall.multiply(HUNDRED).divide(pctPeak, RATIO);
        double[] daily = dailyReturns(equity);
        return new RunReport(counts.candles(), counts.firstCandle(), counts.lastCandle(), counts.orders(),
                fills.size(), trades.size(), wins, losses,
                trades.isEmpty() ? null : 100.0 * wins / trades.size(),
                netPnl, grossProfit, grossLoss, fees,
                first.signum() == 0 ? null : ratio(netPnl.multiply(HUNDRED), first),
                grossLoss.signum() == 0 ? null : ratio(grossProfit, grossLoss),
                maxDrawdown, maxDrawdownPct == null ? null : maxDrawdownPct.doubleValue(),
                sharpe(daily), sortino(daily),
                counts.candles() == 0 ? null : 100.0 * counts.candlesInPosition() / counts.candles(),
                trades.isEmpty() ? null : tradeMillis / 60_000.0 / trades.size(),
                counts.firstClose() == null ? null
                        : ratio(counts.lastClose().subtract(counts.firstClose()).multiply(HUNDRED), counts.firstClose()),
                counts.endBalances(), counts.finalQty(), counts.finalAvgPrice());
    }

    /**
     * Whether {@code a / b > c / d}, for {@code b, d > 0} and {@code a, c >= 0}, exactly: the terms
     * decide alone when the numerators and denominators compare the same way round (most new
     * troughs, measured against the same peak); only the rest are cross-multiplied.
     */
    static boolean largerShare(BigDecimal a, BigDecimal b, BigDecimal c, BigDecimal d) {
        int denominators = b == d ? 0 : b.compareTo(d);
        int numerators = a.compareTo(c);
        if (denominators == 0) {
            return numerators > 0;
        }
        if (numerators <= 0 && denominators > 0) {
            return false; // a <= c over a larger denominator
        }
        if (numerators >= 0 && denominators < 0) {
            return a.signum() > 0; // a >= c over a smaller denominator: larger unless both are 0
        }
        return a.multiply(d).compareTo(c.multiply(b)) > 0;
    }

    private static Double ratio(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, RATIO).doubleValue();
    }

    /**
     * The returns between the equity at the end of consecutive UTC days (the day a point's time
     * falls in), the first day against the opening equity (point 0).
     */
    static double[] dailyReturns(EquityCurve equity) {
        if (equity.size() < 2) {
            return new double[0];
        }
        // the index of each day's last point (point 0 first), by epoch day of (time - 1 ms) in
        // plain longs: no date object, and a decimal read only at a day's end
        int[] ends = new int[64];
        int days = 1;
        long day = Long.MIN_VALUE;
        for (int i = 1; i < equity.size(); i++) {
            long d = Math.floorDiv(equity.timeMillis(i) - 1, MILLIS_PER_DAY);
            if (d == day) {
                ends[days - 1] = i;
            } else {
                if (days == ends.length) {
                    ends = Arrays.copyOf(ends, days * 2);
                }
                ends[days++] = i;
                day = d;
            }
        }
        double[] returns = new double[days - 1];
        BigDecimal before = equity.value(ends[0]);
        for (int k = 1; k < days; k++) {
            BigDecimal end = equity.value(ends[k]);
            returns[k - 1] = before.signum() == 0 ? 0 : end.subtract(before).divide(before, RATIO).doubleValue();
            before = end;
        }
        return returns;
    }

    static Double sharpe(double[] r) {
        if (r.length < 2) {
            return null;
        }
        double mean = mean(r);
        double sq = 0;
        for (double x : r) {
            sq += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(sq / (r.length - 1));
        return sd == 0 ? null : mean / sd * ANNUAL;
    }

    static Double sortino(double[] r) {
        if (r.length < 2) {
            return null;
        }
        double down = 0;
        for (double x : r) {
            if (x < 0) {
                down += x * x;
            }
        }
        double dd = Math.sqrt(down / r.length);
        return dd == 0 ? null : mean(r) / dd * ANNUAL;
    }

    private static double mean(double[] r) {
        double s = 0;
        for (double x : r) {
            s += x;
        }
        return s / r.length;
    }
}
