package io.botfleet.backtest.engine;

/** How a run ended. */
public enum BacktestState {
    /** Every candle of the range was decided. */
    DONE,
    /** The strategy threw (or refused its params): the reason is the run's error. */
    FAILED,
    /** Stopped on request before the end of the range. */
    CANCELLED
}
