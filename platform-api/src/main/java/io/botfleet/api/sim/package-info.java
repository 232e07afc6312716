/**
 * Simulated trading: the fill model the paper exchange fills market orders with, a pure
 * function of the order and the candle, so that anything simulating the exchange (the strategy
 * testkit, a backtest) fills exactly as the paper exchange does without a second copy of it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.botfleet.api.sim;
