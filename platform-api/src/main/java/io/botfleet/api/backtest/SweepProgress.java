package io.botfleet.api.backtest;

/**
 * How far a backtest got: runs ended of all runs, candles decided of all candles (runs &times;
 * candles in the range).
 */
public record SweepProgress(int runsDone, int runs, long candlesDone, long candles) {

    public static SweepProgress of(int runs, long candlesPerRun) {
        return new SweepProgress(0, runs, 0, runs * candlesPerRun);
    }
}
