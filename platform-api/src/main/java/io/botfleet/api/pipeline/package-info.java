/**
 * The decision path of one bot for one closed candle, as plain code: the strategy call, the
 * protective exits, the risk gate and the order intents ({@link io.botfleet.api.pipeline.CandlePipeline}),
 * and the position accounting of fills ({@link io.botfleet.api.pipeline.PositionLedger}). No I/O,
 * no threads, no framework: a live bot, a backtest and the strategy testkit all decide through
 * this same code, each bringing its own journal, exchange and clock.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.botfleet.api.pipeline;
