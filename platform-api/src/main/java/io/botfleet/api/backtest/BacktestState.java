package io.botfleet.api.backtest;

/** Where a backtest (or one of its runs) stands. */
public enum BacktestState {
    /** Accepted, waiting for a thread of the backtest pool. */
    QUEUED,
    /** At least one run has started. */
    RUNNING,
    /** Every run ended (a run of a sweep may have FAILED on its own; see its state). */
    DONE,
    /** The backtest could not run at all, or the server stopped while it ran. */
    FAILED,
    /** Cancelled on request before its end. */
    CANCELLED;

    /** Whether nothing will change any more. */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
