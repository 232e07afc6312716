package io.botfleet.benchmarks.backtest;

import io.botfleet.api.market.Interval;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.backtest.engine.BacktestEngine;
import io.botfleet.backtest.engine.BacktestResult;
import io.botfleet.backtest.engine.BacktestTrade;
import io.botfleet.strategy.sma.SmaCrossover;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.DoubleNum;

/**
 * Compares the engine's trade list with ta4j's ({@code DoubleNum} and {@code DecimalNum}) on the
 * benchmark's candles, as (entry bar, exit bar) pairs, and explains each difference: for the
 * first few it prints the bar and the exact fast/slow relation there and on the bars before, so
 * an exact tie shows as "= 0".
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.backtest.Ta4jTradeComparison [candles]</pre>
 */
public final class Ta4jTradeComparison {

    record Trade(int entry, int exit) {
    }

    private Ta4jTradeComparison() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CandleSeries series = SyntheticWalk.series(n, 42);
        BacktestResult ours = new BacktestEngine().run(new SmaCrossover(), series,
                BacktestEngineBenchmark.SETUP);
        List<Trade> engine = new ArrayList<>();
        long step = Interval.M1.duration().toMillis();
        long start = series.openTime(0).toEpochMilli();
        for (BacktestTrade t : ours.trades()) {
            // fills are stamped with their candle's close time: index = (close - start) / step - 1
            engine.add(new Trade((int) ((t.entryTime().toEpochMilli() - start) / step - 1),
                    (int) ((t.exitTime().toEpochMilli() - start) / step - 1)));
        }
        List<Trade> dbl = trades(Ta4jSma.run(Ta4jSma.bars(series, DoubleNum.class), 10, 30));
        List<Trade> dec = trades(Ta4jSma.run(Ta4jSma.bars(series, DecimalNum.class), 10, 30));
        System.out.printf("candles %d, engine trades %d (state %s), ta4j DoubleNum %d, ta4j DecimalNum %d%n", n,
                engine.size(), ours.state(), dbl.size(), dec.size());
        report("DoubleNum", engine, dbl, series);
        report("DecimalNum", engine, dec, series);
        report("DoubleNum vs DecimalNum (ta4j alone)", dec, dbl, series);
    }

    private static List<Trade> trades(TradingRecord record) {
        List<Trade> result = new ArrayList<>();
        for (Position p : record.getPositions()) {
            result.add(new Trade(p.getEntry().getIndex(), p.getExit().getIndex()));
        }
        return result;
    }

    private static void report(String name, List<Trade> ours, List<Trade> theirs, CandleSeries series) {
        List<Trade> onlyOurs = new ArrayList<>(ours);
        onlyOurs.removeAll(theirs);
        List<Trade> onlyTheirs = new ArrayList<>(theirs);
        onlyTheirs.removeAll(ours);
        System.out.printf("%s: %d trades only in the first list, %d only in the second%n", name, onlyOurs.size(),
                onlyTheirs.size());
        int shown = 0;
        for (Trade t : onlyOurs) {
            if (shown++ == 3) {
                break;
            }
            System.out.printf("  first only %s: relation at entry-2..entry %s, exit-2..exit %s%n", t,
                    relations(series, t.entry()), relations(series, t.exit()));
        }
        shown = 0;
        for (Trade t : onlyTheirs) {
            if (shown++ == 3) {
                break;
            }
            System.out.printf("  second only %s: relation at entry-2..entry %s, exit-2..exit %s%n", t,
                    relations(series, t.entry()), relations(series, t.exit()));
        }
        long ties = 0;
        for (int i = 29; i < series.size(); i++) {
            if (relation(series, i) == 0) {
                ties++;
            }
        }
        if (Objects.equals(name, "DoubleNum")) {
            System.out.printf("  bars where SMA10 = SMA30 exactly: %d%n", ties);
        }
    }

    private static String relations(CandleSeries series, int i) {
        StringBuilder s = new StringBuilder();
        for (int k = Math.max(29, i - 2); k <= i; k++) {
            int r = relation(series, k);
            s.append(r > 0 ? "> " : r < 0 ? "< " : "= ");
        }
        return s.toString().trim();
    }

    /** sign(SMA10 - SMA30) at bar i, exact: 30 * sum10 vs 10 * sum30. */
    private static int relation(CandleSeries series, int i) {
        BigDecimal fast = BigDecimal.ZERO;
        BigDecimal slow = BigDecimal.ZERO;
        for (int k = i - 29; k <= i; k++) {
            BigDecimal close = series.candle(k, SyntheticWalk.SYMBOL).close();
            slow = slow.add(close);
            if (k > i - 10) {
                fast = fast.add(close);
            }
        }
        return fast.multiply(BigDecimal.valueOf(30)).compareTo(slow.multiply(BigDecimal.valueOf(10)));
    }
}
