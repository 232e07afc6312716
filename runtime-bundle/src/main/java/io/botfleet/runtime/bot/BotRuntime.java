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
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyParameterException;
import io.botfleet.runtime.market.CandleConsumer;
import io.botfleet.runtime.market.FeedKey;
import io.botfleet.runtime.order.OrderRouter;
import io.botfleet.runtime.strategy.StrategyProvider;
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
public final class BotRuntime implements CandleConsumer, io.botfleet.runtime.recovery.Watchdog.Restartable {

    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);

    final String id;
    final long key;
    final BotServices services;
    final Mailbox mailbox;
    private final CandleStep step;
    private final BotContext context;
    final OrderFlow orderFlow;

    // Written under the lock or by the mailbox, read by any thread.
    private volatile BotState state;
    private volatile DesiredState desired;
    private volatile BotConfig config;
    private volatile String runningVersion;
    private volatile String lastError;
    private volatile Published published;
    private volatile Instant updatedAt;

    // Mailbox-only.
    TradingState trading;
    final OrderTracker orders = new OrderTracker();
    private Strategy strategy;
    private StrategyProvider provider;
    ExchangeAdapter adapter;
    Instrument instrument;
    private FeedKey feed;
    private OrderRouter router;
    private int consecutiveFaults;
    private int candlesSinceCheckpoint;
    private SwapWatch swapWatch;
    /** Candle commits submitted but not yet durable; bounded so a fast replay cannot outrun the journal. */
    private final java.util.concurrent.atomic.AtomicInteger commitsInFlight = new java.util.concurrent.atomic.AtomicInteger();
    static final int MAX_COMMITS_IN_FLIGHT = 256;
    /** When the last swap request entered the mailbox (0: none pending measurement). */
    private long swapRequestedNanos;

    /** What the mailbox last published for readers on other threads. */
    private record Published(io.botfleet.api.bot.BotCounters counters, io.botfleet.api.bot.Position position,
                             Instant lastCandleTime) {
    }

    public BotRuntime(BotConfig config, long key, DesiredState desired, BotState initial, BotServices services) {
        this.id = config.id();
        this.key = key;
        this.config = config;
        this.desired = desired;
        this.state = initial;
        this.services = services;
        this.mailbox = new Mailbox("bot " + id, services.botExecutor(), services.stats());
        this.step = new CandleStep(services.ids());
        this.context = new BotContext(id, config.symbol());
        this.orderFlow = new OrderFlow(this);
        this.published = new Published(io.botfleet.api.bot.BotCounters.ZERO, io.botfleet.api.bot.Position.FLAT, null);
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

    /** Starts (or restarts after suspension or failure) with the current desired state. */
    synchronized void beginStart() {
        setState(BotState.STARTING);
        mailbox.postAsync(this::doStart);
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
                c.interval(), p.position(), p.counters(), p.lastCandleTime(), lastError, updatedAt);
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
        CompletableFuture<Void> consumed = new CompletableFuture<>();
        mailbox.postAsync(() -> onCandle(candle, catchUp, consumed));
        return consumed;
    }

    private CompletionStage<?> onCandle(Candle candle, boolean catchUp, CompletableFuture<Void> consumed) {
        BotState now = state;
        if (strategy == null || (now != BotState.RUNNING && now != BotState.PAUSED)
                || trading.hasProcessed(candle.openTime())) {
            consumed.complete(null);
            return null;
        }
        CandleStep.Outcome out = step.run(candle, catchUp, now == BotState.PAUSED, strategy, context, trading,
                orders, config, key, instrument, services.clock().instant());
        if (swapRequestedNanos != 0) {
            services.stats().recordSwapPause(System.nanoTime() - swapRequestedNanos);
            swapRequestedNanos = 0;
        }
        noteStrategyOutcome(out.strategyFault());
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
                mailbox.post(() -> fail("journal write failed: " + rootMessage(failure)));
            }
        });
        CompletionStage<?> housekeeping = afterCandle(out);
        return commitsInFlight.get() >= MAX_COMMITS_IN_FLIGHT ? tracked.thenCompose(v -> housekeeping) : housekeeping;
    }

    private CompletionStage<?> sendAfterCommit(Throwable failure, CandleStep.Outcome out, CompletableFuture<Void> consumed) {
        if (failure != null) {
            consumed.complete(null);
            fail("journal write failed: " + rootMessage(failure));
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] sent = out.intents().stream().map(orderFlow::send).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sent).whenComplete((v, e) -> consumed.complete(null));
        return afterCandle(out);
    }

    /** Events, figures, the fault limit and the periodic checkpoint, once a candle is done. */
    private CompletionStage<?> afterCandle(CandleStep.Outcome out) {
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

    // ---------------------------------------------------------------- start, stop, suspend, fail

    private CompletionStage<?> doStart() {
        if (state != BotState.STARTING) {
            return null;
        }
        ExchangeAdapter account = services.exchanges().find(config.exchange()).orElse(null);
        if (account == null) {
            suspend("exchange account " + config.exchange().id() + "/" + config.exchange().account() + " is not available");
            return null;
        }
        String blocked = services.exchanges().blockedReason(config.exchange()); // its circuit breaker is not CLOSED
        if (blocked != null) {
            suspend(blocked);
            return null;
        }
        return CompletableFuture.supplyAsync(this::loadRecovered, services.ioExecutor())
                .thenComposeAsync(recovered -> bind(account, recovered), services.botExecutor())
                .exceptionally(failure -> {
                    String blockedNow = services.exchanges().blockedReason(config.exchange()); // the breaker opened meanwhile: wait, do not fail
                    if (blockedNow != null) {
                        suspend(blockedNow);
                    } else {
                        fail("start failed: " + rootMessage(failure));
                    }
                    return null;
                });
    }

    private Recovered loadRecovered() {
        BotProgress progress = services.journal().progress(id).orElse(BotProgress.initial(id));
        StrategyCheckpoint checkpoint = services.journal().lastCheckpoint(id).orElse(null);
        return new Recovered(progress, checkpoint, services.journal().orders(id, true, 1000),
                services.deployments().badVersions(config.strategy().id()).keySet());
    }

    private CompletionStage<Void> bind(ExchangeAdapter account, Recovered recovered) {
        if (state != BotState.STARTING) {
            return CompletableFuture.completedFuture(null);
        }
        trading = new TradingState(recovered.progress());
        recovered.openOrders().forEach(orders::put);
        StrategyProvider target = chooseVersion(recovered.checkpoint(), recovered.badVersions());
        if (target == null) {
            suspend("strategy " + config.strategy().id() + " "
                    + (config.strategy().version() != null ? config.strategy().version() : "(any good version)")
                    + " is not installed");
            return CompletableFuture.completedFuture(null);
        }
        Strategy instance = newConfiguredInstance(target, config);
        if (instance == null) {
            return CompletableFuture.completedFuture(null);
        }
        StrategyCheckpoint checkpoint = recovered.checkpoint();
        if (checkpoint != null && checkpoint.strategyId().equals(config.strategy().id())) {
            instance = restoreOrFresh(target, instance, checkpoint);
        }
        strategy = instance;
        provider = target;
        runningVersion = target.versionString();
        adapter = account;
        Instant strategyUpTo = checkpoint != null ? checkpoint.lastCandleTime() : null;
        return account.instrument(config.symbol())
                .thenComposeAsync(found -> {
                    instrument = found;
                    return new CatchUp(this).replay(strategy, context, strategyUpTo, trading.lastCandleTime);
                }, services.botExecutor())
                .thenComposeAsync(v -> reconcile(), services.botExecutor())
                .thenRunAsync(this::goLive, services.botExecutor());
    }

    private StrategyProvider chooseVersion(StrategyCheckpoint checkpoint, java.util.Set<String> badVersions) {
        String wanted = config.strategy().version();
        if (wanted == null && checkpoint != null && checkpoint.strategyId().equals(config.strategy().id())) {
            wanted = checkpoint.strategyVersion();
        }
        if (wanted != null) {
            return services.strategies().find(config.strategy().id(), wanted).orElse(null);
        }
        return services.strategies().newest(config.strategy().id(), badVersions).orElse(null);
    }

    private Strategy newConfiguredInstance(StrategyProvider target, BotConfig with) {
        Strategy instance = target.newInstance();
        if (instance == null) {
            suspend("strategy " + target.id() + " " + target.versionString() + " went away");
            return null;
        }
        try {
            instance.configure(with.strategy().params());
            return instance;
        } catch (StrategyParameterException e) {
            target.release(instance);
            fail("strategy.params." + e.parameter() + ": " + e.getMessage());
            return null;
        } catch (RuntimeException | LinkageError e) {
            target.release(instance);
            fail("strategy " + target.id() + " " + target.versionString() + " refused its parameters: " + e);
            return null;
        }
    }

    private Strategy restoreOrFresh(StrategyProvider target, Strategy instance, StrategyCheckpoint checkpoint) {
        try {
            instance.restore(checkpoint.snapshot(), checkpoint.strategyVersion());
            return instance;
        } catch (RuntimeException | LinkageError e) {
            // A snapshot the strategy cannot read costs its warm-up, not the bot.
            event(BotEvent.Type.ERROR, "restoring the strategy checkpoint failed (" + e + "); starting it fresh");
            target.release(instance);
            return newConfiguredInstance(target, config);
        }
    }

    /**
     * Before any candle: listen to the account's order stream, then settle every order the journal
     * holds as unfinished with the exchange (missed fills applied), so the strategy never acts on
     * a position the exchange has already changed.
     */
    private CompletionStage<Void> reconcile() {
        if (state != BotState.STARTING || strategy == null) {
            return CompletableFuture.completedFuture(null);
        }
        router = services.routers().apply(config.exchange());
        router.register(key, orderFlow);
        return orderFlow.reconcileAtStart();
    }

    private void goLive() {
        if (state != BotState.STARTING || strategy == null) {
            return;
        }
        feed = new FeedKey(config.exchange(), config.symbol(), config.interval());
        services.hub().subscribe(feed, adapter, trading.lastCandleTime, this);
        synchronized (this) {
            if (state == BotState.STARTING) {
                setState(desired == DesiredState.PAUSED ? BotState.PAUSED : BotState.RUNNING);
            }
        }
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
    private void suspend(String reason) {
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
            trading.errors++;
        }
        setState(BotState.FAILED);
        publish();
        event(BotEvent.Type.ERROR, "FAILED: " + reason);
        if (desired != DesiredState.STOPPED) {
            services.failures().accept(this);
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
            snapshot = strategy.snapshot();
        } catch (RuntimeException | LinkageError e) {
            throw new BotConflictException("the running strategy could not take a snapshot for the " + why + ": " + e);
        }
        Strategy next = target.newInstance();
        if (next == null) {
            throw new BotConflictException("strategy " + target.id() + " " + target.versionString() + " went away");
        }
        try {
            next.configure(with.strategy().params());
            next.restore(snapshot, runningVersion);
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
            snapshot = strategy.snapshot();
        } catch (RuntimeException | LinkageError e) {
            event(BotEvent.Type.ERROR, "strategy snapshot failed: " + e);
            return CompletableFuture.completedFuture(null);
        }
        StrategyCheckpoint checkpoint = new StrategyCheckpoint(id, config.strategy().id(), runningVersion,
                trading.lastCandleTime, snapshot, services.clock().instant());
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
        TradingState t = trading;
        if (t != null) {
            published = new Published(t.counters(), t.position, t.lastCandleTime);
        }
        touch();
    }

    void setLastError(String error) {
        lastError = error;
    }

    Strategy strategy() {
        return strategy;
    }

    BotContext context() {
        return context;
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

    static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
