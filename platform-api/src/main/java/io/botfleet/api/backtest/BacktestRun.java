package io.botfleet.api.backtest;

import io.botfleet.api.bot.StrategySpec;

/**
 * One run of a backtest: one version and one set of parameter values.
 *
 * @param n        0-based position in the cross product
 * @param strategy the strategy id, version and params of this run
 * @param state    DONE, FAILED (the strategy refused its params, threw or hung) or CANCELLED
 * @param error    why it failed, or null
 * @param report   its figures (up to where it stopped)
 */
public record BacktestRun(int n, StrategySpec strategy, BacktestState state, String error, RunReport report) {
}
