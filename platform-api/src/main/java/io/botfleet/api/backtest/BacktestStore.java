package io.botfleet.api.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where backtests and their results are kept (the persistence bundle). A run's results are
 * written once, when the run ends, in one transaction.
 */
@ProviderType
public interface BacktestStore {

    /** Stores a new backtest (its runs are added by {@link #addRun}). */
    void create(Backtest backtest);

    /** Updates a backtest's state, times, progress and error. */
    void update(String id, BacktestState state, Instant startedAt, Instant finishedAt, SweepProgress progress,
                String error);

    /**
     * Stores one ended run with its fills, trades and (downsampled) equity curve, and the
     * backtest's progress, in one transaction. False when the backtest was deleted meanwhile.
     */
    boolean addRun(String id, BacktestRun run, List<RunFill> fills, List<RunTrade> trades,
                   List<EquityPoint> equity, SweepProgress progress);

    /** The backtest with its runs, by {@code n}. */
    Optional<Backtest> find(String id);

    /** The newest {@code limit} backtests, newest first, without runs. */
    List<Backtest> list(int limit);

    /** Whether run {@code n} of backtest {@code id} is stored. */
    boolean hasRun(String id, int n);

    List<RunFill> fills(String id, int n, int offset, int limit);

    List<RunTrade> trades(String id, int n, int offset, int limit);

    /** The equity curve as stored. */
    List<EquityPoint> equity(String id, int n);

    /** Deletes a backtest and everything of it; false when there was none. */
    boolean delete(String id);

    /**
     * Marks every backtest still QUEUED or RUNNING as FAILED with {@code reason} (the server
     * stopped under them); answers how many.
     */
    int failUnfinished(String reason, Instant at);
}
