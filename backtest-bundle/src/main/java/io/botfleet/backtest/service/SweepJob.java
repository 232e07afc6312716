package io.botfleet.backtest.service;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.BacktestState;
import io.botfleet.api.backtest.SweepProgress;
import io.botfleet.backtest.dataset.CandleSeries;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backtest while this server runs it: its state, its progress counted by the runs' threads, the
 * cancel flag they look at, and the candles they share (released once it ends). State changes
 * are synchronised; the counters are atomic.
 */
final class SweepJob {

    final String id;
    final BacktestRequest request;
    final String actor;
    final Instant createdAt;
    final int from;
    final int to;
    final String quoteCoin;
    private final long candlesPerRun;
    private final AtomicInteger runsDone = new AtomicInteger();
    private final AtomicInteger runsFailed = new AtomicInteger();
    private final AtomicLong candlesDone = new AtomicLong();
    private volatile CandleSeries series;
    private volatile boolean cancelled;
    private volatile BacktestState state = BacktestState.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile String firstRunError;

    SweepJob(String id, BacktestRequest request, String actor, Instant createdAt, CandleSeries series, int from, int to,
             String quoteCoin) {
        this.id = id;
        this.request = request;
        this.actor = actor;
        this.createdAt = createdAt;
        this.series = series;
        this.from = from;
        this.to = to;
        this.quoteCoin = quoteCoin;
        this.candlesPerRun = to - from;
    }

    /** The candles, or null once the backtest ended. */
    CandleSeries series() {
        return series;
    }

    long candlesPerRun() {
        return candlesPerRun;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** A run starts: true for the first, which moves the backtest to RUNNING. */
    synchronized boolean runStarting(Instant now) {
        if (state != BacktestState.QUEUED) {
            return false;
        }
        state = BacktestState.RUNNING;
        startedAt = now;
        return true;
    }

    void candles(long delta) {
        candlesDone.addAndGet(delta);
    }

    /**
     * A run ended (and was stored, or was skipped): its candles not yet counted are counted, so
     * the progress reaches its end. Counted only once its results are stored, so that a backtest
     * is DONE only when every run can be read.
     *
     * @param counted   candles of this run counted so far
     * @param failure   the run's error, or null
     * @return the progress with this run done
     */
    SweepProgress runEnded(long counted, String failure) {
        candlesDone.addAndGet(candlesPerRun - counted);
        if (failure != null && runsFailed.getAndIncrement() == 0) {
            firstRunError = failure;
        }
        runsDone.incrementAndGet();
        return progress();
    }

    /** The progress once a run that counted {@code counted} candles so far has ended (stored with it). */
    SweepProgress progressWithRun(long counted) {
        return new SweepProgress(runsDone.get() + 1, request.runs(), candlesDone.get() + candlesPerRun - counted,
                request.runs() * candlesPerRun);
    }

    /** Whether every run has ended. */
    boolean allRunsEnded() {
        return runsDone.get() == request.runs();
    }

    /**
     * The state the backtest ends in when its runs are all over: DONE, or FAILED when every run
     * failed (then {@link #error()} says why the first did).
     */
    BacktestState outcome() {
        return runsFailed.get() == request.runs() ? BacktestState.FAILED : BacktestState.DONE;
    }

    String failureSummary() {
        return runsFailed.get() == request.runs() ? (request.runs() == 1 ? "" : "every run failed; the first: ")
                + firstRunError : null;
    }

    /** Ends the backtest in {@code end}; false when it had already ended (a cancel and the last run crossing). */
    synchronized boolean finish(BacktestState end, String why, Instant now) {
        if (state.finished()) {
            return false;
        }
        if (end == BacktestState.CANCELLED || end == BacktestState.FAILED) {
            cancelled = true; // the runs still going stop at their next look
        }
        state = end;
        error = why;
        finishedAt = now;
        series = null;
        return true;
    }

    BacktestState state() {
        return state;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    String error() {
        return error;
    }

    SweepProgress progress() {
        return new SweepProgress(runsDone.get(), request.runs(), candlesDone.get(), request.runs() * candlesPerRun);
    }

    /** As the API shows it, without runs. */
    Backtest view() {
        return new Backtest(id, state, createdAt, startedAt, finishedAt, actor, request, progress(), error, List.of());
    }
}
