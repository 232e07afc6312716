package io.botfleet.backtest.engine;

import io.botfleet.api.backtest.RunReport;
import java.util.List;

/**
 * A run's outcome, in memory: its state, why it failed (null otherwise), the fills, trades and
 * equity curve, and the report. A FAILED or CANCELLED run reports what it did up to the stop.
 */
public record BacktestResult(BacktestState state, String error, List<BacktestFill> fills,
                             List<BacktestTrade> trades, EquityCurve equity, RunReport report) {

    public BacktestResult {
        fills = List.copyOf(fills);
        trades = List.copyOf(trades);
    }
}
