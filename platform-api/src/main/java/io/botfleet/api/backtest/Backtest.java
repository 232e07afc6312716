package io.botfleet.api.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A backtest as the API shows it.
 *
 * @param id         its id
 * @param state      where it stands
 * @param createdAt  when it was accepted
 * @param startedAt  when its first run started, or null
 * @param finishedAt when it ended, or null
 * @param actor      who asked for it
 * @param request    what was asked
 * @param progress   runs and candles done of all
 * @param error      why it FAILED, or null
 * @param runs       the runs that ended, sorted by {@code n}; empty in listings
 */
public record Backtest(String id, BacktestState state, Instant createdAt, Instant startedAt, Instant finishedAt,
                       String actor, BacktestRequest request, SweepProgress progress, String error,
                       List<BacktestRun> runs) {

    public Backtest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        runs = List.copyOf(runs);
    }

    /** The same backtest without its runs (listings, events). */
    public Backtest withoutRuns() {
        return runs.isEmpty() ? this : new Backtest(id, state, createdAt, startedAt, finishedAt, actor, request,
                progress, error, List.of());
    }
}
