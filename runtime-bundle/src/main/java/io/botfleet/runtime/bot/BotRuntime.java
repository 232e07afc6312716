package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.pipeline.CandleDecision;
import io.botfleet.api.pipeline.CandlePipeline;
import io.botfleet.api.pipeline.CandleTerms;
import io.botfleet.api.pipeline.SignalCollector;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.runtime.market.CandleConsumer;
import io.botfleet.runtime.market.CandleCurrency;
import io.botfleet.runtime.market.FeedKey;
import io.botfleet.runtime.order.OrderRouter;
import io.botfleet.runtime.strategy.StrategyProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bot: an actor whose every event (candles, order updates, lifecycle and swap commands) is a
 * message in its {@link Mailbox}, processed one at a time, in order. It never blocks a thread:
 * journal writes and exchange calls return stages, and the mailbox waits for them.
 *
 * <p>Lifecycle commands are accepted synchronously (the state check and the transitional state
 * change happen under this object's lock, so two concurrent commands cannot both pass), then
 * carried out as mailbox messages.
 */
public final class BotRuntime implements CandleConsumer, io.botfleet.runtime.recovery.Watchdog.Restartable,
        io.botfleet.runtime.guard.StrategyCallGuard.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);

    final String id;
    final long key;
    final BotServices services;
    final Mailbox mailbox;
    private final CandlePipeline pipeline;
    final StrategyCalls calls;
    final OrderFlow orderFlow;

    // Written under the lock or by the mailbox, read by any thread.
    private volatile BotState state;
    private volatile DesiredState desired;
    private volatile BotConfig config;
    private volatile String runningVersion;
    private volatile String lastError;
    private volatile Published published;
    private volatile Instant updatedAt;
    /** SUSPENDED by a persistence fault: {@link PersistenceWait} restarts it once the journal takes writes. */
    private volatile boolean waitingForPersistence;
    /**
     * Which run this is: odd while live (from loading its state to detaching), even in between.
     * Exchange callbacks and journal failures posted in one run are dropped in any other: they
     * were computed from a state the bot no longer holds (after a failed write, one the journal
     * never had), and the next start reconciles every open order from the journal instead.
     */
    private volatile int run;

    /** The candle being processed, completed by the guard if the strategy never returns from it. */
    private volatile CompletableFuture<Void> candleInHand;

    // Mailbox-only.
    TradingBook trading;
    final OrderTracker orders = new OrderTracker();
    /** Whether candles arrive while live; read by the fleet's timer and status readers. */
    private final FeedWatch feedWatch = new FeedWatch();
    private Strategy strategy;
    private StrategyProvider provider;
    ExchangeAdapter adapter;
    Instrument instrument;
    private FeedKey feed;
    private OrderRouter router;
    private int consecutiveFaults;
    /** Set for the start after a server start; written under the lock, read by the mailbox after it. */
    private volatile boolean recovering;
    private int candlesSinceCheckpoint;
    private SwapWatch swapWatch;
    /** Candle commits submitted but not yet durable; bounded so a fast replay cannot outrun the journal. */
    private final java.util.concurrent.atomic.AtomicInteger commitsInFlight = new java.util.concurrent.atomic.AtomicInteger();
    static final int MAX_COMMITS_IN_FLIGHT = 256;
    /** When the last swap request entered the mailbox (0: none pending measurement). */
    private long swapRequestedNanos;

    /** What the mailbox last published for readers on other threads. */
    private record Published(io.botfleet.api.bot.BotCounters counters, io.botfleet.api.bot.Position position,
                             Instant lastCandleTime, int unresolvedOrders) {
    }

    public BotRuntime(BotConfig config, long key, DesiredState desired, BotState initial, BotServices services) {
        this.id = config.id();
        this.key = key;
        this.config = config;
        this.desired = desired;
        this.state = initial;
        this.services = services;
        this.mailbox = new Mailbox("bot " + id, services.botExecutor(), services.stats());
        this.calls = new StrategyCalls(services.guard(), this);
        this.pipeline = new CandlePipeline(id, config.symbol(), calls, seq -> services.ids().id(key, seq));
        this.orderFlow = new OrderFlow(this);
        this.published = new Published(io.botfleet.api.bot.BotCounters.ZERO, io.botfleet.api.bot.Position.FLAT, null, 0);
        this.updatedAt = services.clock().instant();
    }

    // ---------------------------------------------------------------- commands (any thread)

    /**
     * Accepts a lifecycle command: checks it is legal, runs {@code persist} (the desired state to
     * the store), then changes state and queues the work. Nothing changes when either fails.
     */
    public synchronized BotStatus command(LifecycleCommand command, Runnable persist) {
        command.check(id, state);
        persist.run();
        switch (command) {
            case START -> {
                desired = DesiredState.RUNNING;
                beginStart();
            }
            case STOP -> {
                desired = DesiredState.STOPPED;
                setState(BotState.STOPPING);
                mailbox.postAsync(this::doStop);
            }
            case PAUSE -> {
                desired = DesiredState.PAUSED;
                if (state == BotState.RUNNING) {
                    setState(BotState.PAUSED);
                }
            }
            case RESUME -> {
                desired = DesiredState.RUNNING;
                setState(BotState.RUNNING);
            }
            case DELETE -> {
                // nothing runs for a stopped or created bot; the fleet forgets it
            }
        }
        event(BotEvent.Type.LIFECYCLE, command.verb() + " accepted; desired state " + desired);
        return status();
    }

    /**
     * Starts after a server start: like {@link #beginStart}, with what was recovered recorded as an
     * event, and a recorded strategy version that is no longer installed brought back from the
     * artifact store (an operator's later uninstall, by contrast, leaves the bot SUSPENDED until
     * someone installs it).
     */
    synchronized void beginRecovery() {
        recovering = true;
        beginStart();
    }

    /** Starts (or restarts after suspension or failure) with the current desired state. */
    synchronized void beginStart() {
        waitingForPersistence = false;
        setState(BotState.STARTING);
        mailbox.postAsync(() -> new BotStart(this).run());
    }

    /** A strategy version or account this bot waits for has appeared: try again. */
    synchronized void retryIfSuspended() {
        if (state == BotState.SUSPENDED) {
            beginStart();
        }
    }

    /** Its strategy version or account went away: suspend, keeping state. */
    void suspendFor(String reason) {
        mailbox.post(() -> {
            if (state.isActive()) {
                suspend(reason);
            }
        });
    }

    /** Its strategy version went away: suspend if it is the one this bot runs. */
    void suspendIfUsing(StrategyProvider gone) {
        mailbox.post(() -> {
            if (provider == gone && state.isActive()) {
                suspend("strategy " + gone.id() + " " + gone.versionString() + " was removed");
            }
        });
    }

    /** Replaces the configuration; the next event uses it. Params changes rebuild the strategy. */
    CompletableFuture<BotStatus> reconfigure(BotConfig newConfig) {
        return mailbox.ask(() -> {
            boolean paramsChanged = !newConfig.strategy().params().equals(config.strategy().params());
            if (paramsChanged && strategy != null) {
                replaceStrategy(provider, newConfig, "parameters changed");
            }
            config = newConfig;
            touch();
            return CompletableFuture.completedFuture(status());
        });
    }

    /**
     * Swaps the running strategy to {@code target} between two events, carrying its state over.
     * Completes with the version swapped from, or fails with {@link BotConflictException} (the bot
     * keeps its version).
     */
    CompletableFuture<String> swap(StrategyProvider target, SwapWatch watch) {
        long requested = System.nanoTime();
        return mailbox.ask(() -> {
            String from = runningVersion;
            if (strategy == null) {
                throw new BotConflictException("bot " + id + " is " + state + "; a swap needs a running strategy");
            }
            BotConfig swapped = config.withStrategy(config.strategy().withVersion(target.versionString()));
            replaceStrategy(target, swapped, "swap");
            swapRequestedNanos = requested;
            config = swapped;
            swapWatch = watch;
            return checkpoint().thenApply(v -> from);
        });
    }

    /** Stops for a framework shutdown: checkpoints and detaches, keeping the desired state. */
    CompletableFuture<Void> shutdown() {
        return mailbox.ask(() -> {
            if (!state.isActive() && state != BotState.SUSPENDED) {
                return CompletableFuture.completedFuture(null);
            }
            return checkpoint().handle((v, e) -> {
                detach();
                release();
                setState(BotState.STOPPED);
                return null;
            });
        });
    }

    // ---------------------------------------------------------------- readers (any thread)

    public BotStatus status() {
        Published p = published;
        BotConfig c = config;
        return new BotStatus(id, state, desired, c.strategy().id(),
                runningVersion != null ? runningVersion : c.strategy().version(), c.exchange(), c.symbol(),
                c.interval(), p.position(), p.counters(), p.lastCandleTime(), lastError, updatedAt,
                feedWatch.health(), p.unresolvedOrders());
    }

    public BotState state() {
        return state;
    }

    public DesiredState desired() {
        return desired;
    }

    public BotConfig config() {
        return config;
    }

    /** Recent candles this bot processed, oldest first. */
    public List<Candle> candles(int limit) {
        FeedKey key = new FeedKey(config.exchange(), config.symbol(), config.interval());
        return services.hub().recent(key, limit, published.lastCandleTime());
    }

    // ---------------------------------------------------------------- market data

    @Override
    public CompletionStage<?> offer(Candle candle, boolean catchUp) {
        // catchUp (how the candle came) is not what decides whether it is traded: its age is
        CompletableFuture<Void> consumed = new CompletableFuture<>();
        feedWatch.arrived(services.clock().instant());
        mailbox.postAsync(() -> onCandle(candle, consumed));
        return consumed;
    }

    private CompletionStage<?> onCandle(Candle candle, CompletableFuture<Void> consumed) {
        BotState now = state;
        if (strategy == null || (now != BotState.RUNNING && now != BotState.PAUSED)
                || trading.hasProcessed(candle.openTime())) {
            consumed.complete(null);
            return null;
        }
        feedBack();
        candleInHand = consumed;
        // judged when the bot takes the candle, by the exchange's clock: how it came (stream,
        // REST after a gap, a late joiner's or a restart's catch-up) does not matter
        String history = CandleCurrency.historyReason(candle, adapter);
        CandleDecision out = pipeline.decide(candle, new CandleTerms(config, instrument, history,
                now == BotState.PAUSED, services.clock().instant()), strategy, trading, orders);
        out.intents().forEach(orders::put);
        candleInHand = null;
        if (swapRequestedNanos != 0) {
            services.stats().recordSwapPause(System.nanoTime() - swapRequestedNanos);
            swapRequestedNanos = 0;
        }
        noteStrategyOutcome(out.strategyFault());
        int submittedIn = run;
        CompletionStage<Void> committed = services.journal().commitCandle(trading.progress(), out.intents());
        if (!out.intents().isEmpty()) {
            // Orders go out only once their intents are durable: wait for the commit, then send.
            return committed.handleAsync((v, failure) -> sendAfterCommit(failure, out, consumed), services.botExecutor())
                    .thenCompose(s -> s);
        }
        // Nothing to send: the next candle need not wait for this commit. The journal applies a
        // bot's writes in order, consecutive candles share group commits, and a failed commit
        // fails the bot, which then reloads what was really committed.
        consumed.complete(null);
        commitsInFlight.incrementAndGet();
        CompletionStage<Void> tracked = committed.whenComplete((v, failure) -> {
            commitsInFlight.decrementAndGet();
            if (failure != null) {
                mailbox.post(() -> {
                    if (isCurrentRun(submittedIn)) {
                        journalFailed("journal write failed", failure);
                    }
                });
            }
        });
        CompletionStage<?> housekeeping = afterCandle(out);
        return commitsInFlight.get() >= MAX_COMMITS_IN_FLIGHT ? tracked.thenCompose(v -> housekeeping) : housekeeping;
    }

    private CompletionStage<?> sendAfterCommit(Throwable failure, CandleDecision out, CompletableFuture<Void> consumed) {
        if (failure != null) {
            consumed.complete(null);
            journalFailed("journal write failed", failure);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] sent = out.intents().stream().map(orderFlow::send).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sent).whenComplete((v, e) -> consumed.complete(null));
        return afterCandle(out);
    }

    /** Events, figures, the fault limit and the periodic checkpoint, once a candle is done. */
    private CompletionStage<?> afterCandle(CandleDecision out) {
        out.notes().forEach(n -> event(BotEvent.Type.RISK, n));
        publish();
        if (consecutiveFaults >= services.settings().maxStrategyFaults()) {
            fail("strategy " + config.strategy().id() + " " + runningVersion + " failed "
                    + consecutiveFaults + " events in a row: " + lastError);
            return CompletableFuture.completedFuture(null);
        }
        if (++candlesSinceCheckpoint >= services.settings().checkpointEveryCandles()) {
            checkpoint(); // not awaited: the journal orders it after this bot's earlier writes
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Fleet timer (any thread): a live bot with no candle for the stale limit turns STALE in its
     * mailbox, with a warning event. Posts nothing unless the limit has passed.
     */
    void checkFeed(Instant now) {
        Duration limit = FeedWatch.limit(config.interval(), services.settings().feedStaleIntervals());
        if (!feedWatch.overdue(now, limit)) {
            return;
        }
        mailbox.post(() -> {
            BotState current = state;
            if ((current == BotState.RUNNING || current == BotState.PAUSED)
                    && feedWatch.markStale(services.clock().instant(), limit)) {
                BotConfig c = config;
                String warning = "STALE: no candle for " + limit.toSeconds() + " s ("
                        + BigDecimal.valueOf(services.settings().feedStaleIntervals()).stripTrailingZeros().toPlainString()
                        + " intervals of " + c.interval().code() + ") since " + feedWatch.lastArrival() + "; the feed of "
                        + c.exchange().id() + "/" + c.exchange().account() + " " + c.symbol() + " " + c.interval().code()
                        + " is down, its stream never connected, or its URL is wrong";
                LOG.warn("bot {}: {}", id, warning);
                event(BotEvent.Type.WARNING, warning);
                touch();
            }
        });
    }

    /** A candle reached the bot (mailbox): a STALE feed is LIVE again. */
    private void feedBack() {
        Duration silent = feedWatch.markLive(services.clock().instant());
        if (silent != null) {
            String note = "feed LIVE again: a candle arrived after " + silent.toSeconds() + " s without one";
            LOG.info("bot {}: {}", id, note);
            event(BotEvent.Type.WARNING, note);
            touch();
        }
    }

    private void noteStrategyOutcome(Throwable fault) {
        if (fault == null) {
            consecutiveFaults = 0;
        } else {
            consecutiveFaults++;
            lastError = "strategy " + config.strategy().id() + " " + runningVersion + " threw " + fault;
            LOG.warn("bot {}: {}", id, lastError, fault);
            event(BotEvent.Type.ERROR, lastError);
        }
        SwapWatch watch = swapWatch;
        if (watch != null && watch.record(fault != null)) {
            swapWatch = null;
            watch.onTripped().run();
        }
    }

    /**
     * The guard gave up on a strategy call of this bot (guard's timer thread): the bot is FAILED at
     * once, so the candles queued behind the stuck one are skipped rather than handed to the same
     * strategy; the shared feed is not held up by the candle in hand; the rest of the mailbox runs
     * on another thread, beginning with the failure itself. A version still under its swap watch is
     * rolled back as well.
     */
    @Override
    public void onRunaway(String what) {
        String reason = "strategy " + config.strategy().id() + " " + runningVersion + " " + what
                + "; the call was abandoned";
        services.stats().recordAbandonedCall();
        synchronized (this) {
            setState(BotState.FAILED);
        }
        CompletableFuture<Void> inHand = candleInHand;
        if (inHand != null) {
            inHand.complete(null);
        }
        mailbox.abandonCurrent();
        mailbox.post(() -> {
            pipeline.abandonContext();
            SwapWatch watch = swapWatch;
            swapWatch = null;
            if (watch != null) {
                // a version just swapped in hangs: roll it back at once, the restart takes the old one
                watch.onTripped().run();
            }
            fail(reason);
        });
    }

    // ---------------------------------------------------------------- start, stop, suspend, fail

    /** Sets what a start bound: the strategy instance, its version, the account. */
    void install(Strategy instance, StrategyProvider target, ExchangeAdapter account) {
        strategy = instance;
        provider = target;
        runningVersion = target.versionString();
        adapter = account;
    }

    /**
     * A start has loaded the journal: a new run begins (callbacks of earlier runs are dropped from
     * now on), and the orders held are exactly the journal's (intents of a failed commit were never
     * journaled).
     */
    void beginRun(java.util.List<io.botfleet.api.bot.BotOrder> journaled) {
        run += (run & 1) == 0 ? 1 : 2;
        orders.clear();
        orderFlow.beginRun();
        journaled.forEach(orders::put);
    }

    /** Reads and clears the flag of the start after a server start. */
    boolean takeRecovering() {
        boolean was = recovering;
        recovering = false;
        return was;
    }

    /** Joins the account's order stream (undone by {@link #detach}). */
    void attachOrderStream() {
        router = services.routers().apply(config.exchange());
        router.register(key, orderFlow);
    }

    /** Joins the market data feed from the last committed candle on (undone by {@link #detach}). */
    void attachFeed() {
        feed = new FeedKey(config.exchange(), config.symbol(), config.interval());
        services.hub().subscribe(feed, adapter, trading.lastCandleTime(), this);
    }

    /** STARTING → RUNNING or PAUSED as desired, unless a command changed the state meanwhile. */
    void enterLive() {
        synchronized (this) {
            if (state == BotState.STARTING) {
                setState(desired == DesiredState.PAUSED ? BotState.PAUSED : BotState.RUNNING);
            }
        }
        feedWatch.live(services.clock().instant());
        lastError = null;
        publish();
        event(BotEvent.Type.LIFECYCLE, state + " with strategy " + config.strategy().id() + " " + runningVersion
                + " on " + config.exchange().id() + "/" + config.exchange().account());
    }

    private CompletionStage<?> doStop() {
        if (state != BotState.STOPPING) {
            return null;
        }
        return checkpoint().handle((v, e) -> {
            detach();
            release();
            setState(BotState.STOPPED);
            event(BotEvent.Type.LIFECYCLE, "STOPPED");
            return null;
        });
    }

    /** No strategy version or account: keep state, wait for it to come back. */
    void suspend(String reason) {
        checkpoint();
        detach();
        release();
        lastError = reason;
        setState(BotState.SUSPENDED);
        event(BotEvent.Type.LIFECYCLE, "SUSPENDED: " + reason);
    }

    /** A fault the bot cannot continue through: stop trading, say why; the watchdog may restart it. */
    void fail(String reason) {
        LOG.error("bot {} failed: {}", id, reason);
        detach();
        release();
        lastError = reason;
        if (trading != null) {
            trading.countError();
        }
        setState(BotState.FAILED);
        publish();
        event(BotEvent.Type.ERROR, "FAILED: " + reason);
        if (desired != DesiredState.STOPPED) {
            services.failures().accept(this);
        }
    }

    /**
     * A journal write or a recovery read failed. A persistence fault suspends the bot until the
     * journal takes writes again ({@link io.botfleet.runtime.recovery.PersistenceOutage}), outside
     * the watchdog; any other failure fails it. Mailbox only.
     */
    void journalFailed(String what, Throwable failure) {
        if (!io.botfleet.runtime.recovery.PersistenceFault.is(failure)) {
            fail(what + ": " + rootMessage(failure));
            return;
        }
        if (!state.isActive()) {
            return; // a write still in flight when the bot stopped trading: nothing more to do
        }
        // No checkpoint here: the strategy may be ahead of what was committed.
        String reason = "persistence unavailable: " + rootMessage(failure);
        LOG.warn("bot {} suspended: {}", id, reason);
        detach();
        release();
        lastError = reason;
        synchronized (this) {
            waitingForPersistence = true;
            setState(BotState.SUSPENDED);
        }
        publish();
        event(BotEvent.Type.LIFECYCLE, "SUSPENDED: " + reason);
        services.persistenceOutage().await(new PersistenceWait(this));
    }

    int run() {
        return run;
    }

    /** True when the bot is live in run {@code postedIn} now. */
    boolean isCurrentRun(int postedIn) {
        return postedIn == run && (postedIn & 1) == 1;
    }

    /** The journal took this bot's probe write: start again from what was committed. */
    synchronized void resumeAfterPersistenceOutage() {
        if (state == BotState.SUSPENDED && waitingForPersistence && desired != DesiredState.STOPPED) {
            beginStart();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized boolean restartAfterFailure() {
        if (state != BotState.FAILED || desired == DesiredState.STOPPED) {
            return false;
        }
        event(BotEvent.Type.RECOVERY, "watchdog restarts the bot");
        beginStart();
        return true;
    }

    @Override
    public void gaveUp(int attempts) {
        event(BotEvent.Type.ERROR, "watchdog gave up after " + attempts + " restarts; start the bot to try again");
    }

    private void detach() {
        if ((run & 1) == 1) {
            run++;
        }
        feedWatch.off();
        if (feed != null) {
            services.hub().unsubscribe(feed, this);
            feed = null;
        }
        if (router != null) {
            router.unregister(key, orderFlow);
            router = null;
        }
    }

    private void release() {
        if (strategy != null) {
            provider.release(strategy);
            strategy = null;
            provider = null;
        }
        swapWatch = null;
    }

    // ---------------------------------------------------------------- swap

    private void replaceStrategy(StrategyProvider target, BotConfig with, String why) {
        java.util.Map<String, Object> snapshot;
        try {
            snapshot = calls.snapshot(strategy);
        } catch (RuntimeException | LinkageError e) {
            throw new BotConflictException("the running strategy could not take a snapshot for the " + why + ": " + e);
        }
        Strategy next = target.newInstance();
        if (next == null) {
            throw new BotConflictException("strategy " + target.id() + " " + target.versionString() + " went away");
        }
        try {
            calls.configure(next, with.strategy().params());
            calls.restore(next, snapshot, runningVersion);
        } catch (RuntimeException | LinkageError e) {
            target.release(next);
            throw new BotConflictException("strategy " + target.id() + " " + target.versionString()
                    + " refused the " + why + ": " + e.getMessage());
        }
        provider.release(strategy);
        strategy = next;
        provider = target;
        runningVersion = target.versionString();
        consecutiveFaults = 0;
        touch();
    }

    // ---------------------------------------------------------------- checkpoint, events, status

    /** Writes the strategy's snapshot; a strategy that cannot snapshot costs an event, not the bot. */
    CompletionStage<Void> checkpoint() {
        candlesSinceCheckpoint = 0;
        if (strategy == null || trading == null) {
            return CompletableFuture.completedFuture(null);
        }
        java.util.Map<String, Object> snapshot;
        try {
            snapshot = calls.snapshot(strategy);
        } catch (RuntimeException | LinkageError e) {
            event(BotEvent.Type.ERROR, "strategy snapshot failed: " + e);
            return CompletableFuture.completedFuture(null);
        }
        StrategyCheckpoint checkpoint = new StrategyCheckpoint(id, config.strategy().id(), runningVersion,
                trading.lastCandleTime(), snapshot, services.clock().instant());
        return services.journal().checkpoint(checkpoint).exceptionally(e -> {
            LOG.warn("bot {}: checkpoint failed", id, e);
            return null;
        });
    }

    void event(BotEvent.Type type, String message) {
        services.journal().appendEvent(new BotEvent(id, services.clock().instant(), type, message))
                .exceptionally(e -> {
                    LOG.warn("bot {}: event not journaled: {}", id, message, e);
                    return null;
                });
    }

    /** Makes the mailbox's latest figures visible to other threads. */
    void publish() {
        TradingBook t = trading;
        if (t != null) {
            published = new Published(t.counters(), t.position(), t.lastCandleTime(), orders.unresolvedCount());
        }
        touch();
    }

    void setLastError(String error) {
        lastError = error;
    }

    Strategy strategy() {
        return strategy;
    }

    SignalCollector context() {
        return pipeline.context();
    }

    private void setState(BotState next) {
        state = next;
        touch();
    }

    private void touch() {
        updatedAt = services.clock().instant();
    }

    /** Runs {@code work} as a mailbox message; used by collaborators that answer exchange callbacks. */
    void post(Supplier<? extends CompletionStage<?>> work) {
        mailbox.postAsync(work);
    }

    static boolean abandoned(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.botfleet.runtime.guard.AbandonedCall) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
