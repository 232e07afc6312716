package io.botfleet.api.backtest;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Backtests: what {@code /api/v1/backtests} and the {@code backtest:} shell commands drive.
 * Implemented by the backtest bundle.
 */
@ProviderType
public interface BacktestService {

    /** What {@link #cancelOrDelete} did. */
    enum Removal { CANCELLED, DELETED }

    /**
     * Checks the request (the strategy and every version installed, every run's params accepted by
     * the strategy, the dataset there and the range inside it) and queues it.
     *
     * @return the backtest, QUEUED
     * @throws BacktestNotFoundException naming an unknown strategy, version or dataset
     * @throws InvalidBacktestException  naming the field: params the strategy refuses (with its
     *                                   reason), a range outside the dataset, an empty range
     */
    Backtest submit(BacktestRequest request, String actor);

    /** The backtest with the runs that ended so far, or empty. */
    Optional<Backtest> get(String id);

    /** The newest {@code limit} backtests, newest first, without runs. */
    List<Backtest> list(int limit);

    /**
     * The backtests not yet finished, and those that finished within the last minute, without
     * runs: what the event stream watches.
     */
    List<Backtest> recent();

    /**
     * A run's fills, oldest first.
     *
     * @throws BacktestNotFoundException when there is no such backtest or run (yet)
     */
    List<RunFill> fills(String id, int n, int offset, int limit);

    /** A run's trades, in the order they closed. */
    List<RunTrade> trades(String id, int n, int offset, int limit);

    /**
     * A run's equity curve downsampled to at most {@code points} points: the curve is cut into
     * {@code points / 2} buckets of consecutive points and each keeps its lowest and its highest
     * point, in time order.
     */
    List<EquityPoint> equity(String id, int n, int points);

    /**
     * Cancels a backtest that has not finished (its runs stop within 100 ms) or deletes one that has.
     *
     * @throws BacktestNotFoundException when there is none
     */
    Removal cancelOrDelete(String id);
}
