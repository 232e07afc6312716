package io.botfleet.backtest.service;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestNotFoundException;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.BacktestRun;
import io.botfleet.api.backtest.BacktestService;
import io.botfleet.api.backtest.BacktestState;
import io.botfleet.api.backtest.BacktestStore;
import io.botfleet.api.backtest.EquityPoint;
import io.botfleet.api.backtest.InvalidBacktestException;
import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.api.backtest.StrategyInstances;
import io.botfleet.api.backtest.StrategySweep;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.backtest.dataset.CandleDatasets;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.backtest.engine.BacktestEngine;
import io.botfleet.backtest.engine.BacktestResult;
import io.botfleet.backtest.engine.BacktestSetup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backtests of this server: checks a request, stores it QUEUED and runs the cross product of
 * its versions and params on a bounded pool of low-priority threads, one run per task in the
 * order {@code n}. Each run keeps its results in memory and stores them once, when it ends (fills,
 * trades, report, the equity curve thinned to {@value RunResults#STORED_EQUITY_POINTS} points), so
 * at most one run per pool thread holds fills in memory. A cancel sets a flag the engine looks at
 * every 1,024 candles and skips the runs not started. Backtests the server was running when it
 * stopped are FAILED when it starts again.
 */
public final class BacktestRunner implements BacktestService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestRunner.class);
    /** Why a backtest running when the server stopped is FAILED. */
    public static final String INTERRUPTED = "interrupted: the server stopped while it ran";
    /** How long a finished backtest stays in {@link #recent()}. */
    static final Duration RECENT = Duration.ofMinutes(1);
    /** The most points {@link #equity} answers. */
    public static final int MAX_EQUITY_POINTS = RunResults.STORED_EQUITY_POINTS;

    private final BacktestStore store;
    private final StrategyInstances strategies;
    private final CandleDatasets datasets;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final Map<String, SweepJob> jobs = new ConcurrentHashMap<>();
    private volatile Consumer<Backtest> ended = b -> { };

    /**
     * @param threads the pool's threads, &ge; 1
     */
    public BacktestRunner(BacktestStore store, StrategyInstances strategies, CandleDatasets datasets, int threads,
                          Clock clock) {
        this.store = store;
        this.strategies = strategies;
        this.datasets = datasets;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "botfleet-backtest-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 2); // below the bots' threads, where the OS honours it
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
        int failed = store.failUnfinished(INTERRUPTED, clock.instant());
        if (failed > 0) {
            LOG.warn("{} backtest(s) were running when the server stopped: FAILED", failed);
        }
    }

    /** Told of each backtest that ended (DONE, FAILED or CANCELLED), once it is stored; must not block. */
    public void onEnded(Consumer<Backtest> listener) {
        this.ended = listener;
    }

    /** The default pool size: one thread per core but one, at least one. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    @Override
    public Backtest submit(BacktestRequest asked, String actor) {
        RequestCheck.Candles candles = RequestCheck.candles(datasets, asked.data());
        RequestCheck.strategy(strategies, asked.strategy());
        BacktestRequest request = RequestCheck.balances(asked, candles.quoteCoin());
        String id = UUID.randomUUID().toString();
        SweepJob job = new SweepJob(id, request, actor, clock.instant(), candles.series(), candles.from(),
                candles.to(), candles.quoteCoin());
        Backtest accepted = job.view();
        store.create(accepted);
        jobs.put(id, job);
        try {
            for (int n = 0; n < request.runs(); n++) {
                int run = n;
                pool.execute(() -> runSafely(job, run));
            }
        } catch (RejectedExecutionException stopping) {
            end(job, BacktestState.FAILED, INTERRUPTED);
        }
        return accepted;
    }

    private void runSafely(SweepJob job, int n) {
        try {
            run(job, n);
        } catch (RuntimeException | Error e) {
            LOG.error("backtest {} run {} failed to complete", job.id, n, e);
            end(job, BacktestState.FAILED, "run " + n + " could not be completed: " + e);
        }
    }

    private void run(SweepJob job, int n) {
        CandleSeries series = job.series();
        if (job.cancelled() || series == null) {
            return; // the backtest ended (cancelled, failed): this run never starts and is not counted
        }
        if (job.runStarting(clock.instant())) {
            store.update(job.id, BacktestState.RUNNING, job.startedAt(), null, job.progress(), null);
        }
        StrategySweep sweep = job.request.strategy();
        StrategySweep.Combination combination = sweep.combination(n);
        StrategySpec spec = new StrategySpec(sweep.id(), combination.version(), combination.params());
        long[] counted = {0};
        BacktestResult result;
        try (StrategyInstances.Lease lease = strategies.lease(sweep.id(), combination.version())) {
            BacktestRequest r = job.request;
            BacktestSetup setup = new BacktestSetup(r.data().symbol(), combination.params(), r.risk(), r.balances(),
                    r.feeBps(), r.slippageBps());
            result = new BacktestEngine().run(lease.strategy(), series, job.from, job.to, setup, job::cancelled,
                    (done, total) -> {
                        job.candles(done - counted[0]);
                        counted[0] = done;
                    });
        } catch (BacktestNotFoundException gone) {
            // the version was removed after the request was accepted: this run fails, the others go on
            store.addRun(job.id, new BacktestRun(n, spec, BacktestState.FAILED, gone.getMessage(),
                    RunResults.emptyReport(job.request.balances())), List.of(), List.of(), List.of(),
                    job.progressWithRun(counted[0]));
            job.runEnded(counted[0], gone.getMessage());
            afterRun(job);
            return;
        }
        switch (result.state()) {
            case CANCELLED -> {
                // cut short by a cancel: neither stored nor counted as done; its candles stay counted
            }
            case DONE, FAILED -> {
                BacktestState state = result.error() == null ? BacktestState.DONE : BacktestState.FAILED;
                List<RunFill> fills = RunResults.fills(result, job.quoteCoin);
                List<RunTrade> trades = RunResults.trades(result);
                List<EquityPoint> equity = RunResults.equity(result.equity());
                BacktestRun run = new BacktestRun(n, spec, state, result.error(), result.report());
                store.addRun(job.id, run, fills, trades, equity, job.progressWithRun(counted[0]));
                job.runEnded(counted[0], result.error());
            }
            default -> throw new IllegalStateException("unknown run state " + result.state());
        }
        afterRun(job);
    }

    private void afterRun(SweepJob job) {
        if (job.allRunsEnded()) {
            end(job, job.outcome(), job.failureSummary());
        }
    }

    /** Ends a backtest (once) and stores how. */
    private void end(SweepJob job, BacktestState state, String error) {
        if (job.finish(state, error, clock.instant())) {
            store.update(job.id, state, job.startedAt(), job.finishedAt(), job.progress(), error);
            try {
                ended.accept(job.view());
            } catch (RuntimeException e) {
                LOG.warn("backtest {}: telling its end failed: {}", job.id, e.toString());
            }
        }
    }

    @Override
    public Optional<Backtest> get(String id) {
        // the live state first, the stored runs after: a backtest is DONE only once every run is
        // stored, so a DONE read here comes with all its runs
        SweepJob job = jobs.get(id);
        Backtest live = job == null ? null : job.view();
        Optional<Backtest> stored = store.find(id);
        if (stored.isEmpty() || live == null) {
            return stored;
        }
        return Optional.of(new Backtest(id, live.state(), live.createdAt(), live.startedAt(), live.finishedAt(),
                live.actor(), stored.get().request(), live.progress(), live.error(), stored.get().runs()));
    }

    @Override
    public List<Backtest> list(int limit) {
        List<Backtest> out = new ArrayList<>();
        for (Backtest b : store.list(limit)) {
            SweepJob job = jobs.get(b.id());
            out.add(job == null ? b : job.view());
        }
        return out;
    }

    @Override
    public List<Backtest> recent() {
        Instant oldest = clock.instant().minus(RECENT);
        jobs.values().removeIf(j -> j.finishedAt() != null && j.finishedAt().isBefore(oldest));
        return jobs.values().stream().sorted(Comparator.comparing(j -> j.createdAt)).map(SweepJob::view).toList();
    }

    @Override
    public List<RunFill> fills(String id, int n, int offset, int limit) {
        requireRun(id, n);
        return store.fills(id, n, offset, limit);
    }

    @Override
    public List<RunTrade> trades(String id, int n, int offset, int limit) {
        requireRun(id, n);
        return store.trades(id, n, offset, limit);
    }

    @Override
    public List<EquityPoint> equity(String id, int n, int points) {
        if (points < 2 || points > MAX_EQUITY_POINTS) {
            throw new InvalidBacktestException("points", "must be between 2 and " + MAX_EQUITY_POINTS + ", was " + points);
        }
        requireRun(id, n);
        return RunResults.downsample(store.equity(id, n), points);
    }

    private void requireRun(String id, int n) {
        if (!store.hasRun(id, n)) {
            if (store.find(id).isEmpty()) {
                throw new BacktestNotFoundException("no backtest '" + id + "'");
            }
            throw new BacktestNotFoundException("backtest " + id + " has no run " + n + " (yet)");
        }
    }

    @Override
    public Removal cancelOrDelete(String id) {
        SweepJob job = jobs.get(id);
        if (job != null && !job.state().finished()) {
            end(job, BacktestState.CANCELLED, null);
            if (job.state() == BacktestState.CANCELLED) {
                return Removal.CANCELLED;
            }
        }
        jobs.remove(id);
        if (!store.delete(id)) {
            throw new BacktestNotFoundException("no backtest '" + id + "'");
        }
        return Removal.DELETED;
    }

    /** Stops every run; the backtests still going are FAILED (interrupted) in the store. */
    @Override
    public void close() {
        for (SweepJob job : jobs.values()) {
            try {
                end(job, BacktestState.FAILED, INTERRUPTED);
            } catch (RuntimeException e) {
                LOG.warn("backtest {} could not be marked FAILED at stop: {}", job.id, e.toString());
            }
        }
        // no interrupt: a run thread inside a database write would close H2's file under every
        // store (an interrupted FileChannel closes); the runs stop at their next look at the flag
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("backtest runs still going 5 s after the stop: {}", pool.getActiveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ExecutorService pool() {
        return pool;
    }
}
