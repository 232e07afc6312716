package io.botfleet.backtest.engine;

/** Told how far a run got, every few thousand candles and at its end; called on the run's thread. */
@FunctionalInterface
public interface BacktestProgress {

    BacktestProgress NONE = (done, total) -> { };

    void candles(long done, long total);
}
