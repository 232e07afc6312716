package io.botfleet.backtest.service;

import io.botfleet.api.backtest.EquityPoint;
import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunReport;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.backtest.engine.BacktestFill;
import io.botfleet.backtest.engine.BacktestResult;
import io.botfleet.backtest.engine.BacktestTrade;
import io.botfleet.backtest.engine.EquityCurve;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An engine result in the API's shapes, as the store keeps it. */
final class RunResults {

    /** Points of a run's equity curve the store keeps (the most {@code /equity?points=} answers). */
    static final int STORED_EQUITY_POINTS = 2_000;

    private RunResults() {
    }

    /** The report of a run that never started (its strategy version went away). */
    static RunReport emptyReport(Map<String, BigDecimal> balances) {
        return new RunReport(0, null, null, 0, 0, 0, 0, 0, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, null, null, BigDecimal.ZERO, null, null, null, null, null, null, balances,
                BigDecimal.ZERO, BigDecimal.ZERO);
    }

    static List<RunFill> fills(BacktestResult result, String quoteCoin) {
        List<RunFill> out = new ArrayList<>(result.fills().size());
        int seq = 0;
        for (BacktestFill f : result.fills()) {
            out.add(new RunFill(++seq, f.side(), f.qty(), f.price(), f.fee(), quoteCoin, f.time(), f.candleTime()));
        }
        return out;
    }

    static List<RunTrade> trades(BacktestResult result) {
        List<RunTrade> out = new ArrayList<>(result.trades().size());
        int seq = 0;
        for (BacktestTrade t : result.trades()) {
            out.add(new RunTrade(++seq, t.direction(), t.entryTime(), t.exitTime(), t.qty(), t.entryPrice(),
                    t.exitPrice(), t.pnl(), t.fees(), t.fills()));
        }
        return out;
    }

    /** The curve thinned to {@link #STORED_EQUITY_POINTS}, each bucket's lowest and highest kept. */
    static List<EquityPoint> equity(EquityCurve curve) {
        int[] kept = EquityDownsampling.pick(curve.size(), STORED_EQUITY_POINTS, curve::value);
        List<EquityPoint> out = new ArrayList<>(kept.length);
        for (int i : kept) {
            out.add(new EquityPoint(curve.time(i), curve.value(i)));
        }
        return out;
    }

    /** A stored curve thinned further to at most {@code points}. */
    static List<EquityPoint> downsample(List<EquityPoint> curve, int points) {
        int[] kept = EquityDownsampling.pick(curve.size(), points, i -> curve.get(i).equity());
        List<EquityPoint> out = new ArrayList<>(kept.length);
        for (int i : kept) {
            out.add(curve.get(i));
        }
        return out;
    }
}
