package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.Halt;
import io.botfleet.api.bot.HaltOutcome;
import io.botfleet.api.bot.Position;
import io.botfleet.api.market.Candle;
import io.botfleet.api.pipeline.CandlePipeline;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.runtime.guard.AbandonedCall;
import io.botfleet.runtime.guard.StrategyCallGuard;
import io.botfleet.runtime.market.CandleConsumer;
import io.botfleet.runtime.market.FeedKey;
import io.botfleet.runtime.order.OrderRouter;
import io.botfleet.api.cluster.LeaseLostException;
import io.botfleet.runtime.recovery.LeaseLoss;
import io.botfleet.runtime.recovery.PersistenceFault;
import io.botfleet.runtime.recovery.PersistenceOutage;
import io.botfleet.runtime.recovery.Watchdog;
import io.botfleet.runtime.strategy.StrategyProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
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
public final class BotRuntime implements CandleConsumer, Watchdog.Restartable, StrategyCallGuard.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);

    private final String id;
    private final BotServices services;
    private final Mailbox mailbox;
    private final StrategyCalls calls;
    /** The bot's state, handed to its collaborators. */
    private final BotSession session;
    private final Host host = new Host();
    private final OrderFlow orderFlow;
    private final StrategySlot slot;
    private final CandleFlow candles;
    private final CloseOut closeOut;

    // Written under the lock or by the mailbox, read by any thread.
    private volatile BotState state;
    private volatile DesiredState desired;
    private final StatusBoard board;
    /** A halt covers the bot: it opens nothing (PAUSED while live) and may not be started or resumed. */
    private volatile boolean halted;
    /** SUSPENDED by a persistence fault: {@link PersistenceWait} restarts it once the journal takes writes. */
    private volatile boolean waitingForPersistence;
    /** Cluster mode: this node's id while it runs the bot under its lease; else null. */
    private volatile String node;

    // Mailbox-only.
    /** Whether candles arrive while live; read by the fleet's timer and status readers. */
    private final FeedWatch feedWatch = new FeedWatch();
    private FeedKey feed;
    private OrderRouter router;
    /** Set for the start after a server start; written under the lock, read by the mailbox after it. */
    private volatile boolean recovering;
    /** Held through each strategy change of this bot (swap, rollback) from its request to its persisted config. */
    private final ReentrantLock strategyChange = new ReentrantLock();

    public BotRuntime(BotConfig config, long key, DesiredState desired, BotState initial, BotServices services) {
        this.id = config.id();
        this.desired = desired;
        this.state = initial;
        this.services = services;
        this.mailbox = new Mailbox("bot " + id, services.botExecutor(), services.stats());
        this.calls = new StrategyCalls(services.guard(), this);
        this.session = new BotSession(config, key,
                new CandlePipeline(id, config.symbol(), calls, seq -> services.ids().id(key, seq)));
        this.orderFlow = new OrderFlow(session, services, calls, host);
        this.slot = new StrategySlot(session, services, calls, host);
        this.candles = new CandleFlow(session, services, slot, orderFlow, host);
        this.board = new StatusBoard(services.clock());
        this.closeOut = new CloseOut(session, services, orderFlow, host);
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
                setState(halted ? BotState.PAUSED : BotState.RUNNING);
            }
            case DELETE -> {
                // nothing runs for a stopped or created bot; the fleet forgets it
            }
        }
        event(BotEvent.Type.LIFECYCLE, command.verb() + " accepted; desired state " + desired);
        return status();
    }

    // ---------------------------------------------------------------- halt and flatten (any thread)

    /** A halt covered the bot before it started (a stored halt at server start, a new bot): it starts PAUSED. */
    void markHalted() {
        halted = true;
    }

    boolean halted() {
        return halted;
    }

    /**
     * A halt covers the bot from now on: a RUNNING bot is PAUSED at once (its desired state kept,
     * for when the halt is lifted), so the next candle opens nothing; then, in the mailbox, its
     * open orders are cancelled and, with {@link Halt#flatten()}, its position closed.
     */
    CompletableFuture<HaltOutcome> halt(Halt halt) {
        synchronized (this) {
            halted = true;
            if (state == BotState.RUNNING) {
                setState(BotState.PAUSED);
            }
        }
        event(BotEvent.Type.HALT, "halted: " + halt.describe());
        return closeOut(halt.flatten(), "halt");
    }

    /** No halt covers the bot any more: it returns to its desired state. */
    synchronized HaltOutcome unhalt(String note) {
        halted = false;
        if (state == BotState.PAUSED && desired == DesiredState.RUNNING) {
            setState(BotState.RUNNING);
        }
        event(BotEvent.Type.HALT, note + "; back to " + state);
        return new HaltOutcome(id, state, "back to " + state + " (desired " + desired + ")");
    }

    /**
     * Flatten: the bot is PAUSED (desired state too, after {@code persist}), its open orders are
     * cancelled and its position closed at market. Refused unless it is RUNNING or PAUSED.
     */
    CompletableFuture<HaltOutcome> flatten(Runnable persist) {
        synchronized (this) {
            if (state != BotState.RUNNING && state != BotState.PAUSED) {
                throw new BotConflictException("bot " + id + " is " + state + "; flatten needs a RUNNING or PAUSED bot");
            }
            persist.run();
            desired = DesiredState.PAUSED;
            setState(BotState.PAUSED);
        }
        event(BotEvent.Type.LIFECYCLE, "flatten accepted; desired state PAUSED");
        return closeOut(true, "flatten");
    }

    /**
     * Before a stop that flattens: a RUNNING bot is PAUSED at once, so no candle still queued opens
     * a position between the close-out and the stop (the stop then sets STOPPING).
     */
    synchronized void holdEntries() {
        if (state == BotState.RUNNING) {
            setState(BotState.PAUSED);
        }
    }

    /** Cancels the open orders, and closes the position when asked; a bot without a run has neither to touch. */
    CompletableFuture<HaltOutcome> closeOut(boolean closePosition, String why) {
        return mailbox.ask(() -> {
            if (session.strategy() == null || !state.isActive()) {
                Position held = board.position();
                String left = held.qty().signum() == 0 ? "" : "; its position of " + held.qty().toPlainString()
                        + " is left as it is until it runs again";
                return CompletableFuture.completedFuture(new HaltOutcome(id, state, state + ": not trading" + left));
            }
            return closeOut.run(closePosition, why).thenApply(done -> {
                publish();
                return new HaltOutcome(id, state, done);
            });
        });
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
        mailbox.postAsync(() -> new BotStart(session, services, calls, host).run());
    }

    /** A strategy version or account this bot waits for has appeared: try again. */
    synchronized void retryIfSuspended() {
        if (state == BotState.SUSPENDED) {
            beginStart();
        }
    }

    /** As {@link #retryIfSuspended}, once the messages queued now have run (a suspension among them). */
    void retryIfSuspendedOnceQueuedWorkRan() {
        mailbox.post(this::retryIfSuspended);
    }

    /** Its strategy version or account went away: suspend, keeping state. */
    void suspendFor(String reason) {
        suspendFor(reason, BotEvent.Kind.SUSPENDED);
    }

    /** As {@link #suspendFor(String)}, the event being of {@code kind} (a breaker's opening). */
    void suspendFor(String reason, BotEvent.Kind kind) {
        mailbox.post(() -> {
            if (state.isActive()) {
                suspend(reason, kind);
            }
        });
    }

    /** Its strategy version went away: suspend if it is the one this bot runs. */
    void suspendIfUsing(StrategyProvider gone) {
        mailbox.post(() -> {
            if (session.provider() == gone && state.isActive()) {
                suspend("strategy " + gone.id() + " " + gone.versionString() + " was removed");
            }
        });
    }

    /** Replaces the configuration; the next event uses it. Params changes rebuild the strategy. */
    CompletableFuture<BotStatus> reconfigure(BotConfig newConfig) {
        return mailbox.ask(() -> {
            boolean paramsChanged = !newConfig.strategy().params().equals(session.config().strategy().params());
            if (paramsChanged && session.strategy() != null) {
                slot.replace(session.provider(), newConfig, "parameters changed");
            }
            session.config(newConfig);
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
            String from = session.runningVersion();
            if (session.strategy() == null) {
                throw new BotConflictException("bot " + id + " is " + state + "; a swap needs a running strategy");
            }
            BotConfig current = session.config();
            BotConfig swapped = current.withStrategy(current.strategy().withVersion(target.versionString()));
            slot.replace(target, swapped, "swap");
            touch();
            slot.swapped(requested, watch);
            session.config(swapped);
            return slot.checkpoint().thenApply(v -> from);
        });
    }

    /**
     * Moves the bot to another strategy between two events: the running one's checkpoint is
     * written (so a rollback finds it), then an instance of {@code target} configured for
     * {@code moved}, restoring {@code restoreFrom} (or null: fresh), is warmed up with the bot's
     * recent candles, none traded, and takes its place. Position and open orders stay. Completes
     * with a note on how the instance was prepared, or fails (the bot keeps its strategy).
     *
     * <p>The candles come from the feed's window of recent candles when it holds every one
     * needed; a restored checkpoint older than that window is caught up from the exchange's
     * history instead, as at a start. The mailbox waits for that either way.
     */
    CompletableFuture<String> move(StrategyProvider target, BotConfig moved, StrategyCheckpoint restoreFrom) {
        long requested = System.nanoTime();
        return mailbox.ask(() -> {
            if (session.strategy() == null) {
                throw new BotConflictException("bot " + id + " is " + state + "; a move needs a running strategy");
            }
            BotConfig c = session.config();
            Instant upTo = session.book().lastCandleTime();
            List<Candle> recent = upTo == null ? List.of()
                    : services.hub().recent(new FeedKey(c.exchange(), c.symbol(), c.interval()), Integer.MAX_VALUE, upTo);
            StrategySlot.Prepared prepared = slot.prepareMove(target, moved, restoreFrom);
            CompletionStage<Integer> fed;
            if (prepared.after() != null && upTo != null && !CandleWindow.covers(recent, prepared.after(), upTo,
                    c.interval().duration())) {
                CatchUp catchUp = new CatchUp(session, services, calls, host);
                fed = catchUp.replay(prepared.instance(), prepared.after(), upTo).thenApply(v -> catchUp.replayed());
            } else {
                fed = CompletableFuture.completedFuture(slot.warmUp(prepared, recent));
            }
            return fed.whenComplete((n, failure) -> {
                if (failure != null) {
                    slot.discard(prepared);
                }
            }).thenComposeAsync(n -> {
                // the running strategy's own checkpoint, for a rollback to it
                CompletionStage<Void> oldKept = slot.checkpoint();
                slot.install(prepared);
                session.config(moved);
                touch();
                slot.swapped(requested, null);
                // taken here, in the mailbox's turn; written after the old one (the journal keeps a bot's writes in order)
                CompletionStage<Void> newKept = slot.checkpoint();
                String note = prepared.note() + ", warmed up with " + n + " candle(s), no orders";
                return oldKept.thenCombine(newKept, (a, b) -> note);
            }, services.botExecutor());
        });
    }

    /** Runs {@code change} (a strategy swap with its bookkeeping) while no other change of this bot runs. */
    <T> T oneStrategyChangeAtATime(Supplier<T> change) {
        strategyChange.lock();
        try {
            return change.get();
        } finally {
            strategyChange.unlock();
        }
    }

    /** Stops for a framework shutdown: checkpoints and detaches, keeping the desired state. */
    CompletableFuture<Void> shutdown() {
        return mailbox.ask(() -> {
            if (!state.isActive() && state != BotState.SUSPENDED) {
                return CompletableFuture.completedFuture(null);
            }
            return slot.checkpoint().handle((v, e) -> {
                detach();
                slot.release();
                setState(BotState.STOPPED);
                return null;
            });
        });
    }

    /**
     * Cluster mode, a planned move (a drain, balancing): stops at an event boundary with a
     * checkpoint, as a graceful shutdown does, keeping the desired state, so that the node that
     * takes the lease next resumes after the last candle this one processed; the candles that
     * arrive meanwhile wait for it (its catch-up). A bot that is not trading (starting, failed)
     * stands down: it has nothing to checkpoint. The caller gives the lease up once this completes.
     */
    CompletableFuture<Void> handOver(String reason) {
        return mailbox.ask(() -> {
            if (!state.isActive() && state != BotState.SUSPENDED) {
                standDownNow("handed over: " + reason);
                return CompletableFuture.completedFuture(null);
            }
            event(BotEvent.Type.RECOVERY, "handed over: " + reason);
            return slot.checkpoint().handle((v, e) -> {
                node = null;
                detach();
                slot.release();
                setState(BotState.STOPPED);
                publish();
                return null;
            });
        });
    }

    // ---------------------------------------------------------------- readers (any thread)

    public BotStatus status() {
        BotStatus status = board.status(session, state, desired, feedWatch.health());
        String runningNode = node;
        return runningNode == null ? status : status.withNode(runningNode);
    }

    /** Cluster mode: this node runs the bot under its lease ({@code nodeId}), or no longer (null). */
    void runOn(String nodeId) {
        node = nodeId;
    }

    public BotState state() {
        return state;
    }

    public DesiredState desired() {
        return desired;
    }

    public BotConfig config() {
        return session.config();
    }

    /** Recent candles this bot processed, oldest first. */
    public List<Candle> candles(int limit) {
        BotConfig c = session.config();
        FeedKey key = new FeedKey(c.exchange(), c.symbol(), c.interval());
        return services.hub().recent(key, limit, board.lastCandleTime());
    }

    // ---------------------------------------------------------------- market data

    @Override
    public CompletionStage<?> offer(Candle candle, boolean catchUp) {
        // catchUp (how the candle came) is not what decides whether it is traded: its age is
        long arrived = System.nanoTime();
        CompletableFuture<Void> consumed = new CompletableFuture<>();
        feedWatch.arrived(services.clock().instant());
        mailbox.postAsync(() -> onCandle(candle, arrived, consumed));
        return consumed;
    }

    private CompletionStage<?> onCandle(Candle candle, long arrived, CompletableFuture<Void> consumed) {
        BotState now = state;
        if (session.strategy() == null || (now != BotState.RUNNING && now != BotState.PAUSED)
                || session.book().hasProcessed(candle.openTime())) {
            consumed.complete(null);
            return null;
        }
        feedBack();
        return candles.take(candle, arrived, now == BotState.PAUSED, consumed);
    }

    /**
     * Fleet timer (any thread): a live bot with no candle for the stale limit turns STALE in its
     * mailbox, with a warning event. Posts nothing unless the limit has passed.
     */
    void checkFeed(Instant now) {
        Duration limit = FeedWatch.limit(session.config().interval(), services.settings().feedStaleIntervals());
        if (!feedWatch.overdue(now, limit)) {
            return;
        }
        mailbox.post(() -> {
            BotState current = state;
            if ((current == BotState.RUNNING || current == BotState.PAUSED)
                    && feedWatch.markStale(services.clock().instant(), limit)) {
                BotConfig c = session.config();
                String warning = "STALE: no candle for " + limit.toSeconds() + " s ("
                        + BigDecimal.valueOf(services.settings().feedStaleIntervals()).stripTrailingZeros().toPlainString()
                        + " intervals of " + c.interval().code() + ") since " + feedWatch.lastArrival() + "; the feed of "
                        + c.exchange().id() + "/" + c.exchange().account() + " " + c.symbol() + " " + c.interval().code()
                        + " is down, its stream never connected, or its URL is wrong";
                LOG.warn("bot {}: {}", id, warning);
                event(BotEvent.Type.WARNING, BotEvent.Kind.FEED_STALE, warning);
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
            event(BotEvent.Type.WARNING, BotEvent.Kind.FEED_LIVE, note);
            touch();
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
        String reason = "strategy " + session.config().strategy().id() + " " + session.runningVersion() + " " + what
                + "; the call was abandoned";
        services.stats().recordAbandonedCall();
        synchronized (this) {
            setState(BotState.FAILED);
        }
        candles.releaseCandleInHand();
        mailbox.abandonCurrent();
        mailbox.post(() -> {
            session.pipeline().abandonContext();
            slot.abandoned();
            fail(reason);
        });
    }

    // ---------------------------------------------------------------- start, stop, suspend, fail

    /** Joins the account's order stream (undone by {@link #detach}) and settles unfinished orders. */
    private CompletionStage<Void> reconcileOrders() {
        router = services.routers().apply(session.config().exchange());
        router.register(session.key(), orderFlow);
        return orderFlow.reconcileAtStart();
    }

    /** Joins the market data feed from the last committed candle on (undone by {@link #detach}). */
    private void attachFeed() {
        BotConfig c = session.config();
        feed = new FeedKey(c.exchange(), c.symbol(), c.interval());
        services.hub().subscribe(feed, session.adapter(), session.book().lastCandleTime(), this);
    }

    /** STARTING → RUNNING or PAUSED as desired, unless a command changed the state meanwhile. */
    private void enterLive() {
        synchronized (this) {
            if (state == BotState.STARTING) {
                setState(desired == DesiredState.PAUSED || halted ? BotState.PAUSED : BotState.RUNNING);
            }
        }
        feedWatch.live(services.clock().instant());
        board.lastError(null);
        publish();
        BotConfig c = session.config();
        event(BotEvent.Type.LIFECYCLE, state + " with strategy " + c.strategy().id() + " " + session.runningVersion()
                + " on " + c.exchange().id() + "/" + c.exchange().account());
    }

    private CompletionStage<?> doStop() {
        if (state != BotState.STOPPING) {
            return null;
        }
        return slot.checkpoint().handle((v, e) -> {
            detach();
            slot.release();
            setState(BotState.STOPPED);
            event(BotEvent.Type.LIFECYCLE, "STOPPED");
            return null;
        });
    }

    /** No strategy version or account: keep state, wait for it to come back. */
    void suspend(String reason) {
        suspend(reason, BotEvent.Kind.SUSPENDED);
    }

    private void suspend(String reason, BotEvent.Kind kind) {
        slot.checkpoint();
        detach();
        slot.release();
        board.lastError(reason);
        setState(BotState.SUSPENDED);
        event(BotEvent.Type.LIFECYCLE, kind, "SUSPENDED: " + reason);
    }

    /** A fault the bot cannot continue through: stop trading, say why; the watchdog may restart it. */
    void fail(String reason) {
        LOG.error("bot {} failed: {}", id, reason);
        detach();
        slot.release();
        board.lastError(reason);
        if (session.book() != null) {
            session.book().countError();
        }
        setState(BotState.FAILED);
        publish();
        event(BotEvent.Type.ERROR, BotEvent.Kind.FAILED, "FAILED: " + reason);
        if (desired != DesiredState.STOPPED) {
            services.failures().accept(this);
        }
    }

    /**
     * A journal write or a recovery read failed. A persistence fault suspends the bot until the
     * journal takes writes again ({@link PersistenceOutage}), outside
     * the watchdog; any other failure fails it. Mailbox only.
     */
    void journalFailed(String what, Throwable failure) {
        LeaseLostException leaseLost = LeaseLoss.of(failure);
        if (leaseLost != null) {
            standDownNow("lease lost: " + leaseLost.getMessage());
            return;
        }
        if (!PersistenceFault.is(failure)) {
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
        slot.release();
        board.lastError(reason);
        synchronized (this) {
            waitingForPersistence = true;
            setState(BotState.SUSPENDED);
        }
        publish();
        event(BotEvent.Type.LIFECYCLE, BotEvent.Kind.SUSPENDED, "SUSPENDED: " + reason);
        services.persistenceOutage().await(new PersistenceWait(id, services.journal(), services.clock(),
                this::resumeAfterPersistenceOutage));
    }

    /** Cluster mode: a lifecycle command for a bot this node does not run, stored for its owner. */
    synchronized void desireElsewhere(DesiredState next) {
        desired = next;
        touch();
    }

    /**
     * Cluster mode: this node does not hold the bot's lease any more (another node runs it now, or
     * this node gives it up): stops trading at once, keeping the desired state. Writes nothing:
     * none would commit without the lease, and what was committed is the next owner's to recover.
     */
    CompletableFuture<Void> standDown(String reason) {
        return mailbox.ask(() -> {
            standDownNow(reason);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** {@link #standDown}, on the mailbox. */
    private void standDownNow(String reason) {
        node = null;
        if (!state.isActive() && state != BotState.SUSPENDED && state != BotState.FAILED) {
            return;
        }
        LOG.warn("bot {} stands down: {}", id, reason);
        detach();
        slot.release();
        board.lastError(reason);
        synchronized (this) {
            waitingForPersistence = false;
            setState(BotState.STOPPED);
        }
        publish();
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
        event(BotEvent.Type.ERROR, BotEvent.Kind.FAILED, "watchdog gave up after " + attempts + " restarts; start the bot to try again");
    }

    private void detach() {
        session.endRun();
        feedWatch.off();
        if (feed != null) {
            services.hub().unsubscribe(feed, this);
            feed = null;
        }
        if (router != null) {
            router.unregister(session.key(), orderFlow);
            router = null;
        }
    }

    // ---------------------------------------------------------------- checkpoint, events, status

    void event(BotEvent.Type type, String message) {
        event(type, null, message);
    }

    /** Journals an event of {@code kind} (null: its type's typical kind); notifications go by the kind. */
    void event(BotEvent.Type type, BotEvent.Kind kind, String message) {
        services.journal().appendEvent(new BotEvent(id, services.clock().instant(), type, kind, message))
                .exceptionally(e -> {
                    LOG.warn("bot {}: event not journaled: {}", id, message, e);
                    return null;
                });
    }

    /** Makes the mailbox's latest figures visible to other threads. */
    void publish() {
        board.publish(session);
    }

    private void setState(BotState next) {
        state = next;
        touch();
    }

    private void touch() {
        board.touch();
    }

    /** The bot as its collaborators talk back to it; each method is one of the bot's own. */
    private final class Host implements BotLifecycle {

        @Override
        public void post(Supplier<? extends CompletionStage<?>> work) {
            mailbox.postAsync(work);
        }

        @Override
        public void event(BotEvent.Type type, BotEvent.Kind kind, String message) {
            BotRuntime.this.event(type, kind, message);
        }

        @Override
        public void publish() {
            BotRuntime.this.publish();
        }

        @Override
        public void lastError(String error) {
            board.lastError(error);
        }

        @Override
        public void journalFailed(String what, Throwable failure) {
            BotRuntime.this.journalFailed(what, failure);
        }

        @Override
        public String lastError() {
            return board.lastError();
        }

        @Override
        public BotState state() {
            return state;
        }

        @Override
        public void suspend(String reason, BotEvent.Kind kind) {
            BotRuntime.this.suspend(reason, kind);
        }

        @Override
        public void fail(String reason) {
            BotRuntime.this.fail(reason);
        }

        @Override
        public boolean takeRecovering() {
            boolean was = recovering;
            recovering = false;
            return was;
        }

        @Override
        public void beginRun(TradingBook loaded, List<BotOrder> journaled) {
            session.beginRun(loaded, journaled);
            orderFlow.beginRun();
        }

        @Override
        public CompletionStage<Void> reconcileOrders() {
            return BotRuntime.this.reconcileOrders();
        }

        @Override
        public void goLive() {
            attachFeed();
            enterLive();
        }
    }

    static boolean abandoned(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AbandonedCall) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof CompletionException
                || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
