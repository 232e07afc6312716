/**
 * Backtests as a service: a request (a strategy, one or more of its versions and parameter
 * values, a candle dataset and a range, risk limits, balances, fee and slippage) runs the cross
 * product of its versions and parameter values, each run through the live candle pipeline and the
 * paper exchange's fill model; the backtest, its runs' reports, fills, trades and equity curves are
 * kept by a {@link io.botfleet.api.backtest.BacktestStore}. The control API and the shell consume
 * {@link io.botfleet.api.backtest.BacktestService}; the runtime lends strategy instances through
 * {@link io.botfleet.api.backtest.StrategyInstances}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.botfleet.api.backtest;
