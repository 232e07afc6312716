package io.botfleet.backtest.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.botfleet.api.backtest.RunReport;
import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Each metric of the report against a computation by hand on a made-up run: equity points over
 * three UTC days, two trades (a win and a loss), three fills.
 */
public class ReportMetricsTest {

    private static final Instant DAY1 = Instant.parse("2025-01-01T00:00:00Z");

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    /** Points: opening 1000 at day 1 00:00, then day-end equities 1100 (peak), 990, 1045.5 with dips within days. */
    private static EquityCurve curve() {
        Instant[] t = {DAY1, DAY1.plus(Duration.ofHours(12)), DAY1.plus(Duration.ofHours(24)),
                DAY1.plus(Duration.ofHours(36)), DAY1.plus(Duration.ofHours(48)),
                DAY1.plus(Duration.ofHours(60)), DAY1.plus(Duration.ofHours(72))};
        BigDecimal[] v = {d("1000"), d("1050"), d("1100"), d("880"), d("990"), d("1200"), d("1045.5")};
        return EquityCurve.of(t, v);
    }

    private static RunReport report() {
        List<BacktestFill> fills = List.of(
                new BacktestFill(DAY1.plusSeconds(60), OrderSide.BUY, d("1"), d("100"), d("0.1"), DAY1),
                new BacktestFill(DAY1.plusSeconds(3660), OrderSide.SELL, d("1"), d("150"), d("0.15"), DAY1),
                new BacktestFill(DAY1.plusSeconds(7260), OrderSide.BUY, d("2"), d("50"), d("0.05"), DAY1));
        List<BacktestTrade> trades = List.of(
                new BacktestTrade("LONG", DAY1.plusSeconds(60), DAY1.plusSeconds(60 + 90 * 60), d("1"), d("100"),
                        d("150"), d("49.75"), d("0.25"), 2),
                new BacktestTrade("LONG", DAY1, DAY1.plusSeconds(30 * 60), d("1"), d("100"), d("80"),
                        d("-20.5"), d("0.5"), 2),
                new BacktestTrade("SHORT", DAY1, DAY1.plusSeconds(60 * 60), d("1"), d("100"), d("100"),
                        d("0"), d("0"), 2));
        ReportMetrics.Counts counts = new ReportMetrics.Counts(6, DAY1, DAY1.plusSeconds(300), 4, 3,
                d("200"), d("250"), Map.of("USDT", d("1045.5")), d("0.5"), d("101.25"));
        return ReportMetrics.report(counts, curve(), fills, trades);
    }

    @Test
    public void countsAndTradeFigures() {
        RunReport r = report();
        assertEquals(6, r.candles());
        assertEquals(DAY1, r.firstCandle());
        assertEquals(4, r.orders());
        assertEquals(3, r.fills());
        assertEquals(3, r.trades());
        assertEquals(1, r.wins());
        assertEquals(1, r.losses()); // the trade at exactly 0 is neither
        assertEquals(100.0 / 3, r.winRatePct(), 1e-12);
        assertEquals(d("49.75"), r.grossProfit());
        assertEquals(d("20.5"), r.grossLoss());
        assertEquals(49.75 / 20.5, r.profitFactor(), 1e-12);
        assertEquals(d("0.30"), r.fees());
        assertEquals((90 + 30 + 60) / 3.0, r.avgTradeMinutes(), 1e-12);
        assertEquals(50.0, r.exposurePct(), 1e-12);
        assertEquals(25.0, r.buyAndHoldReturnPct(), 1e-12);
        assertEquals(d("0.5"), r.finalQty());
        assertEquals(d("101.25"), r.finalAvgPrice());
        assertEquals(Map.of("USDT", d("1045.5")), r.endBalances());
    }

    @Test
    public void equityFigures() {
        RunReport r = report();
        assertEquals(d("45.5"), r.netPnl());
        assertEquals(4.55, r.returnPct(), 1e-12);
        // running peaks 1000,1050,1100,1100,1100,1200,1200: falls 0,0,0,220,110,0,154.5
        assertEquals(0, d("220").compareTo(r.maxDrawdown()));
        assertEquals(Math.max(220 / 1100.0, 154.5 / 1200.0) * 100, r.maxDrawdownPct(), 1e-12);
    }

    @Test
    public void sharpeAndSortinoFromDailyReturns() {
        // day ends: day 1 ends at 24:00 (point 2, 1100), day 2 at 48:00 (990), day 3 at 72:00 (1045.5)
        double[] r = {1100 / 1000.0 - 1, 990 / 1100.0 - 1, 1045.5 / 990.0 - 1};
        double mean = (r[0] + r[1] + r[2]) / 3;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        double sharpe = mean / Math.sqrt(var / 2) * Math.sqrt(365);
        double sortino = mean / Math.sqrt(r[1] * r[1] / 3) * Math.sqrt(365);
        RunReport report = report();
        assertEquals(sharpe, report.sharpe(), 1e-9);
        assertEquals(sortino, report.sortino(), 1e-9);
    }

    @Test
    public void undefinedRatiosAreNull() {
        EquityCurve flat = EquityCurve.of(new Instant[] {DAY1, DAY1.plusSeconds(60)},
                new BigDecimal[] {d("100"), d("100")});
        RunReport r = ReportMetrics.report(new ReportMetrics.Counts(1, DAY1, DAY1, 0, 0, d("5"), d("5"),
                Map.of(), BigDecimal.ZERO, BigDecimal.ZERO), flat, List.of(), List.of());
        assertNull(r.winRatePct());
        assertNull(r.profitFactor());
        assertNull(r.sharpe());
        assertNull(r.sortino());
        assertNull(r.avgTradeMinutes());
        assertEquals(0, r.maxDrawdown().signum());
        assertEquals(0.0, r.returnPct(), 0);
    }

    @Test
    public void aShareIsComparedExactlyWhicheverWayItsTermsLie() {
        String[][] cases = {
            {"1", "10", "1", "10"}, {"2", "10", "1", "10"}, {"1", "10", "2", "10"},
            {"1", "20", "1", "10"}, {"1", "5", "1", "10"}, {"0", "5", "0", "10"}, {"0", "10", "0", "5"},
            {"3", "20", "1", "10"}, {"2", "20", "1", "10"}, {"1", "20", "1", "30"}, {"1", "20", "2", "30"},
            {"0.10", "10.0", "0.1", "10"}, {"7.000000000000000001", "70", "0.1", "0.7"},
        };
        for (String[] k : cases) {
            BigDecimal a = d(k[0]);
            BigDecimal b = d(k[1]);
            BigDecimal c = d(k[2]);
            BigDecimal e = d(k[3]);
            boolean expected = a.multiply(e).compareTo(c.multiply(b)) > 0;
            assertEquals(String.join(" ", k), expected, ReportMetrics.largerShare(a, b, c, e));
        }
        BigDecimal same = d("10");
        assertEquals(true, ReportMetrics.largerShare(d("2"), same, d("1"), same));
    }
}
