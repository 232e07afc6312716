package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.runtime.guard.PoolCompensation;
import io.botfleet.runtime.guard.StrategyCallGuard;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotPatch;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.Deployment;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Halt;
import io.botfleet.api.bot.HaltOutcome;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.market.Candle;
import io.botfleet.api.store.BotJournal;
import io.botfleet.api.cluster.ClusterStore;
import io.botfleet.api.store.BotStore;
import io.botfleet.api.store.DeploymentStore;
import io.botfleet.api.store.HaltStore;
import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoredBot;
import io.botfleet.runtime.deploy.BundleDeployer;
import io.botfleet.runtime.exchange.ExchangeRegistry;
import io.botfleet.runtime.market.MarketDataHub;
import io.botfleet.runtime.order.ClientOrderIdFactory;
import io.botfleet.runtime.order.OrderRouter;
import io.botfleet.runtime.recovery.PersistenceOutage;
import io.botfleet.runtime.recovery.RestartBackoff;
import io.botfleet.runtime.recovery.Watchdog;
import io.botfleet.runtime.strategy.StrategyProvider;
import io.botfleet.runtime.strategy.StrategyRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.botfleet.api.bot.StrategySpec;
import java.util.concurrent.ExecutionException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The fleet: every bot's runtime, and the {@link BotManager} service that HTTP, the shell and
 * tests drive. Loads the bots from the store at activation and brings back those whose desired
 * state is RUNNING or PAUSED; suspends and resumes bots as strategy versions and exchange accounts
 * come and go; shuts every bot down cleanly at deactivation.
 */
@Component(service = {BotManager.class, Fleet.class}, immediate = true, configurationPid = "io.botfleet.runtime")
@Designate(ocd = Fleet.Config.class)
public class Fleet implements BotManager, StrategyRegistry.Listener, ExchangeRegistry.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
    /** How often bots suspended by a persistence fault try a journal write. */
    private static final long PERSISTENCE_PROBE_MILLIS = 2_000;
    /** How often live bots are checked for a feed gone silent (STALE). */
    private static final long FEED_CHECK_MILLIS = 1_000;

    @ObjectClassDefinition(name = "Botfleet runtime", description = "Bot runtime settings")
    public @interface Config {
        @AttributeDefinition(description = "Strategy checkpoint every N candles (also at swaps and stops)")
        int checkpointEveryCandles() default 100;

        @AttributeDefinition(description = "Consecutive strategy faults after which a bot goes FAILED")
        int maxStrategyFaults() default 10;

        @AttributeDefinition(description = "K: faults within the first N events after a swap that roll it back")
        int autoRollbackFaults() default 3;

        @AttributeDefinition(description = "N: events after a swap watched for automatic rollback")
        int autoRollbackWindow() default 20;

        @AttributeDefinition(description = "Threads the bots share; 0 = one per core")
        int threads() default 0;

        @AttributeDefinition(description = "Restarts the watchdog tries for a FAILED bot before giving up")
        int maxRestarts() default 5;

        @AttributeDefinition(description = "First watchdog restart delay in ms; doubles at each attempt (capped at 60 s)")
        long restartBackoffMillis() default 1000;

        @AttributeDefinition(description = "An order whose placement outcome is unknown is marked NOT_SENT only this"
                + " many ms after its send, and after two look-ups that found nothing")
        long orderNotSentGraceMillis() default RuntimeSettings.NOT_SENT_GRACE_MILLIS;

        @AttributeDefinition(description = "First delay between look-ups of an unresolved order in ms; doubles,"
                + " with jitter, up to orderLookupMaxBackoffMillis; the look-ups never stop")
        long orderLookupBackoffMillis() default 1000;

        @AttributeDefinition(description = "Longest delay between look-ups of an unresolved order, in ms")
        long orderLookupMaxBackoffMillis() default 60_000;

        @AttributeDefinition(description = "Seconds a graceful shutdown may take")
        int shutdownTimeoutSeconds() default 10;

        @AttributeDefinition(description = "Longest one strategy call may run, in ms; longer fails the bot")
        long strategyCallTimeoutMillis() default 2000;

        @AttributeDefinition(description = "Most one strategy call may allocate, in MiB (0: no limit); more fails the bot")
        long strategyCallMaxAllocationMb() default 256;

        @AttributeDefinition(description = "A RUNNING or PAUSED bot without a candle for this many of its intervals"
                + " is STALE (a warning event, its status, readiness of its account, /metrics)")
        double feedStaleIntervals() default 3;
    }

    @Reference
    BotStore botStore;
    @Reference
    BotJournal journal;
    @Reference
    DeploymentStore deployments;
    @Reference
    InstallationStore installation;
    @Reference
    StrategyRegistry strategies;
    @Reference
    ExchangeRegistry exchanges;
    @Reference
    ProcessingStats stats;
    @Reference
    BundleDeployer deployer;
    @Reference
    HaltStore haltStore;
    /**
     * Present exactly in cluster mode (the persistence bundle registers it before the stores, so it
     * is bound when this activates): then a bot runs here only while this node holds its lease,
     * and the cluster component decides which ({@link #host}, {@link #standDown}).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    ClusterStore cluster;

    private final Map<String, BotRuntime> bots = new ConcurrentHashMap<>();
    /** Cluster mode: the bots this node runs, under their lease. */
    private final Set<String> hosted = ConcurrentHashMap.newKeySet();
    private final Map<ExchangeRef, OrderRouter> routers = new ConcurrentHashMap<>();
    /** The active halts, as stored; changed only under {@link #haltLock}, after the store. */
    private final List<Halt> halts = new CopyOnWriteArrayList<>();
    private final Object haltLock = new Object();
    private FleetExecutors executors;
    private BotServices services;
    private MarketDataHub hub;
    private Watchdog watchdog;
    private StrategyCallGuard guard;
    private int shutdownTimeoutSeconds;
    private Bundle systemBundle;

    @Activate
    void activate(Config config, BundleContext context) {
        executors = new FleetExecutors(config.threads());
        hub = new MarketDataHub();
        ClientOrderIdFactory ids = new ClientOrderIdFactory(installation.getOrCreate("installation-id", randomId()));
        double staleIntervals = config.feedStaleIntervals();
        if (!(staleIntervals > 0) || Double.isInfinite(staleIntervals)) {
            LOG.warn("feedStaleIntervals must be a positive number, was {}; using 3", staleIntervals);
            staleIntervals = 3;
        }
        RuntimeSettings settings = new RuntimeSettings(config.checkpointEveryCandles(), config.maxStrategyFaults(),
                config.autoRollbackFaults(), config.autoRollbackWindow(), staleIntervals,
                config.orderNotSentGraceMillis(),
                new RestartBackoff(config.orderLookupBackoffMillis(), config.orderLookupMaxBackoffMillis(),
                        Integer.MAX_VALUE));
        guard = new StrategyCallGuard(callLimits(config), new PoolCompensation(executors.bots(), 64), executors.scheduler());
        watchdog = new Watchdog(executors.scheduler(), new RestartBackoff(config.restartBackoffMillis(),
                60_000, config.maxRestarts()), 300_000, System::currentTimeMillis);
        services = new BotServices(journal, deployments, strategies, exchanges, hub, this::router, ids,
                executors.bots(), executors.io(), executors.scheduler(), stats, Clock.systemUTC(), settings,
                watchdog::onFailed, guard, this::reinstallLater,
                new PersistenceOutage(executors.scheduler(), PERSISTENCE_PROBE_MILLIS), new LeaseClock(cluster != null));
        shutdownTimeoutSeconds = config.shutdownTimeoutSeconds();
        systemBundle = context == null ? null : context.getBundle(0);
        strategies.addListener(this);
        exchanges.addListener(this);
        halts.addAll(haltStore.list());
        loadBots();
        new BotSeeder(this, installation, context).seedOnFirstStart();
        if (cluster == null) {
            bots.values().stream()
                    .filter(b -> b.desired() != DesiredState.STOPPED)
                    .forEach(BotRuntime::beginRecovery);
        } else {
            LOG.info("cluster mode (node {}): a bot starts here once this node holds its lease", cluster.nodeId());
        }
        executors.scheduler().scheduleWithFixedDelay(this::checkFeeds, FEED_CHECK_MILLIS, FEED_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Timer: a live bot whose candles stopped is told so (a mailbox message only when it is overdue). */
    private void checkFeeds() {
        try {
            Instant now = services.clock().instant();
            bots.values().forEach(b -> b.checkFeed(now));
        } catch (RuntimeException e) {
            LOG.warn("feed check failed", e); // the next one runs anyway
        }
    }

    /** Off every bot's thread: installing a bundle reads the store and waits for the framework. */
    private void reinstallLater(String strategyId, String version) {
        executors.io().execute(() -> {
            try {
                if (!deployer.ensureStrategyInstalled(strategyId, version)) {
                    LOG.warn("strategy {} {} is not in the artifact store: bots on it stay SUSPENDED", strategyId, version);
                }
            } catch (RuntimeException e) {
                LOG.error("reinstalling strategy {} {} from the artifact store failed", strategyId, version, e);
            }
        });
    }

    @Deactivate
    void deactivate() {
        strategies.removeListener(this);
        exchanges.removeListener(this);
        CompletableFuture<?>[] stopping = bots.values().stream().map(BotRuntime::shutdown).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stopping).get(shutdownTimeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("graceful shutdown of {} bots took longer than {} s; stopping anyway", bots.size(), shutdownTimeoutSeconds);
        } catch (Exception e) {
            LOG.warn("graceful shutdown interrupted", e);
        }
        hub.closeAll();
        routers.values().forEach(OrderRouter::close);
        routers.clear();
        guard.close();
        executors.close();
        bots.clear();
    }

    private void loadBots() {
        for (StoredBot stored : botStore.list()) {
            if (!stored.isValid()) {
                LOG.error("bot {} is not loaded: its stored configuration is invalid: {}", stored.id(), stored.invalidReason());
                journal.appendEvent(new BotEvent(stored.id(), Clock.systemUTC().instant(), BotEvent.Type.ERROR,
                        "not loaded: stored configuration is invalid: " + stored.invalidReason()));
                continue;
            }
            BotState initial = journal.progress(stored.id()).isPresent() ? BotState.STOPPED : BotState.CREATED;
            BotRuntime bot = new BotRuntime(stored.config(), stored.key(), stored.desiredState(), initial, services);
            if (haltOver(bot).isPresent()) {
                bot.markHalted(); // a stored halt outlives the process: the bot comes back PAUSED
            }
            bots.put(stored.id(), bot);
        }
        LOG.info("loaded {} bots", bots.size());
        halts.forEach(h -> LOG.warn("{} is active: its bots open no position until it is lifted", h.describe()));
    }

    // ------------------------------------------------------------------ BotManager

    @Override
    public List<BotStatus> list() {
        if (cluster != null) {
            knowEveryStoredBot();
        }
        return bots.values().stream().map(BotRuntime::status).sorted(Comparator.comparing(BotStatus::id)).toList();
    }

    @Override
    public BotStatus get(String id) {
        return bot(id).status();
    }

    @Override
    public BotConfig config(String id) {
        return bot(id).config();
    }

    @Override
    public BotStatus create(BotConfig config, String actor) {
        new BotValidation(strategies, exchanges).check(config);
        return add(config, actor);
    }

    /** Creates without checking that the strategy and account exist now (seeding at first start). */
    BotStatus add(BotConfig config, String actor) {
        StoredBot stored;
        try {
            stored = botStore.create(config, config.autoStart() ? DesiredState.RUNNING : DesiredState.STOPPED);
        } catch (StoreConflictException e) {
            throw new BotConflictException("bot " + config.id() + " already exists");
        }
        BotRuntime bot = new BotRuntime(config, stored.key(), stored.desiredState(), BotState.CREATED, services);
        if (haltOver(bot).isPresent()) {
            bot.markHalted();
        }
        if (bots.putIfAbsent(config.id(), bot) != null) {
            throw new BotConflictException("bot " + config.id() + " already exists");
        }
        bot.event(BotEvent.Type.LIFECYCLE, "created by " + actor);
        if (config.autoStart() && cluster == null) {
            bot.beginStart(); // in cluster mode the node that takes its lease starts it
        }
        return bot.status();
    }

    @Override
    public BotStatus update(String id, BotPatch patch, String actor) {
        BotRuntime bot = bot(id);
        BotConfig current = bot.config();
        BotConfig next = current;
        if (patch.params() != null) {
            next = next.withStrategy(new StrategySpec(current.strategy().id(),
                    current.strategy().version(), patch.params()));
            new BotValidation(strategies, exchanges).checkParams(next);
        }
        if (patch.risk() != null) {
            next = next.withRisk(patch.risk());
        }
        persistConfig(next);
        bot.event(BotEvent.Type.AUDIT, "configuration changed by " + actor);
        return await(bot.reconfigure(next));
    }

    @Override
    public void delete(String id, String actor) {
        BotRuntime bot = bot(id);
        bot.command(LifecycleCommand.DELETE, () -> botStore.delete(id));
        bots.remove(id, bot);
    }

    @Override
    public BotStatus start(String id, String actor) {
        return lifecycle(id, LifecycleCommand.START, DesiredState.RUNNING);
    }

    @Override
    public BotStatus stop(String id, String actor) {
        return lifecycle(id, LifecycleCommand.STOP, DesiredState.STOPPED);
    }

    @Override
    public BotStatus stop(String id, boolean flatten, String actor) {
        BotRuntime bot = bot(id);
        if (flatten && bot.state().isActive()) {
            bot.holdEntries();
            HaltOutcome closed = await(bot.closeOut(true, "stop"));
            LOG.info("bot {} flattened before its stop by {}: {}", id, actor, closed.outcome());
        }
        return stop(id, actor);
    }

    @Override
    public HaltOutcome flatten(String id, String actor) {
        BotRuntime bot = bot(id);
        return await(bot.flatten(() -> botStore.setDesiredState(id, DesiredState.PAUSED)));
    }

    @Override
    public List<HaltOutcome> halt(Halt halt) {
        synchronized (haltLock) {
            haltStore.put(halt); // durable before any bot is touched
            halts.removeIf(h -> h.hasScope(halt.exchange(), halt.account()));
            halts.add(halt);
        }
        LOG.warn("{}{}", halt.describe(), halt.flatten() ? ", flattening" : "");
        List<BotRuntime> inScope = bots.values().stream().filter(b -> halt.covers(b.config().exchange()))
                .sorted(Comparator.comparing(BotRuntime::id)).toList();
        // every bot stops opening at once; their cancels and closing orders then run side by side
        Map<BotRuntime, CompletableFuture<HaltOutcome>> outcomes = new LinkedHashMap<>();
        inScope.forEach(b -> outcomes.put(b, b.halt(halt)));
        return outcomes.entrySet().stream().map(e -> outcome(e.getKey(), e.getValue())).toList();
    }

    @Override
    public List<HaltOutcome> lift(String exchange, String account, String actor) {
        Halt lifted;
        synchronized (haltLock) {
            lifted = halts.stream().filter(h -> h.hasScope(exchange, account)).findFirst()
                    .orElseThrow(() -> new BotNotFoundException("no halt of " + new Halt(exchange, account, false,
                            null, actor, Instant.EPOCH).scope() + " is active"));
            haltStore.remove(lifted.exchange(), lifted.account());
            halts.remove(lifted);
        }
        LOG.warn("{} lifted by {}", lifted.describe(), actor);
        return bots.values().stream().filter(b -> lifted.covers(b.config().exchange()))
                .sorted(Comparator.comparing(BotRuntime::id))
                .map(b -> haltOver(b).map(still -> new HaltOutcome(b.id(), b.state(), "still under the " + still.describe()))
                        .orElseGet(() -> b.unhalt("halt of " + lifted.scope() + " lifted by " + actor)))
                .toList();
    }

    @Override
    public List<Halt> halts() {
        return List.copyOf(halts);
    }

    /** The first active halt over the bot's account, if any. */
    private Optional<Halt> haltOver(BotRuntime bot) {
        ExchangeRef account = bot.config().exchange();
        return halts.stream().filter(h -> h.covers(account)).findFirst();
    }

    /** A bot's outcome; one that failed or did not answer is reported as such (it stays halted anyway). */
    private static HaltOutcome outcome(BotRuntime bot, CompletableFuture<HaltOutcome> pending) {
        try {
            return await(pending);
        } catch (RuntimeException e) {
            return new HaltOutcome(bot.id(), bot.state(), "halted, but closing out failed: " + e.getMessage());
        }
    }

    @Override
    public BotStatus pause(String id, String actor) {
        return lifecycle(id, LifecycleCommand.PAUSE, DesiredState.PAUSED);
    }

    @Override
    public BotStatus resume(String id, String actor) {
        return lifecycle(id, LifecycleCommand.RESUME, DesiredState.RUNNING);
    }

    private BotStatus lifecycle(String id, LifecycleCommand command, DesiredState desired) {
        if (command == LifecycleCommand.START || command == LifecycleCommand.RESUME) {
            haltOver(bot(id)).ifPresent(h -> {
                throw new BotConflictException("bot " + id + " is halted: " + h.describe()
                        + "; lift the halt (DELETE /api/v1/halt) first");
            });
        }
        if (cluster != null && !hosted.contains(id)) {
            // another node runs it, or none yet: the desired state in the store is the command,
            // which the node holding the lease applies at its next round (or takes the bot to)
            BotRuntime bot = bot(id);
            botStore.setDesiredState(id, desired);
            bot.desireElsewhere(desired);
            return bot.status();
        }
        BotStatus status = bot(id).command(command, () -> botStore.setDesiredState(id, desired));
        watchdog.reset(id);
        return status;
    }

    // ------------------------------------------------------------------ cluster mode

    /**
     * Cluster mode: a bot another node created, known here from the store (not started: it runs
     * where its lease is), so that every node answers for every bot; null when there is none.
     */
    private BotRuntime knownFromStore(String id) {
        Optional<StoredBot> found = botStore.find(id);
        if (found.isEmpty() || !found.get().isValid()) {
            return null;
        }
        StoredBot stored = found.get();
        BotState initial = journal.progress(id).isPresent() ? BotState.STOPPED : BotState.CREATED;
        BotRuntime bot = new BotRuntime(stored.config(), stored.key(), stored.desiredState(), initial, services);
        BotRuntime before = bots.putIfAbsent(id, bot);
        return before != null ? before : bot;
    }

    /** Cluster mode: every bot of the store is known here (see {@link #knownFromStore}). */
    private void knowEveryStoredBot() {
        for (StoredBot stored : botStore.list()) {
            if (stored.isValid() && !bots.containsKey(stored.id())) {
                knownFromStore(stored.id());
            }
        }
    }

    /** Cluster mode: what the lease rounds tell the bots about their leases' times. */
    public LeaseClock leases() {
        return services.leases();
    }

    /** Cluster mode: the bots this node runs under their lease. */
    public Set<String> hosted() {
        return Set.copyOf(hosted);
    }

    /**
     * Cluster mode: this node now holds the lease of bot {@code id}: loads it from the store
     * (another node may have run it until now) and starts it as after a restart (checkpoint,
     * journal, reconciliation with the exchange, candle catch-up). False when it is not to run
     * here: gone from the store, invalid, or its desired state is STOPPED.
     */
    public boolean host(String id) {
        BotRuntime running = bots.get(id);
        if (running != null && hosted.contains(id) && (running.state().isActive()
                || running.state() == BotState.STARTING)) {
            return true;
        }
        Optional<StoredBot> found = botStore.find(id);
        if (found.isEmpty() || !found.get().isValid() || found.get().desiredState() == DesiredState.STOPPED) {
            return false;
        }
        StoredBot stored = found.get();
        BotState initial = journal.progress(id).isPresent() ? BotState.STOPPED : BotState.CREATED;
        BotRuntime bot = new BotRuntime(stored.config(), stored.key(), stored.desiredState(), initial, services);
        if (haltOver(bot).isPresent()) {
            bot.markHalted();
        }
        bot.runOn(cluster.nodeId());
        bots.put(id, bot);
        hosted.add(id);
        watchdog.reset(id);
        bot.beginRecovery();
        return true;
    }

    /**
     * Cluster mode: bot {@code id} no longer runs here (its lease was lost or given up): it stops
     * trading at once, writing nothing. Completes when it has.
     */
    public CompletableFuture<Void> standDown(String id, String reason) {
        hosted.remove(id);
        BotRuntime bot = bots.get(id);
        return bot == null ? CompletableFuture.completedFuture(null) : bot.standDown(reason);
    }

    /**
     * Cluster mode, a planned move: bot {@code id} stops here at an event boundary with a
     * checkpoint (see {@link BotRuntime#handOver}); completes when it has, and its lease may be
     * given up for another node to take.
     */
    public CompletableFuture<Void> handOver(String id, String reason) {
        BotRuntime bot = bots.get(id);
        if (bot == null || !hosted.contains(id)) {
            hosted.remove(id);
            return CompletableFuture.completedFuture(null);
        }
        return bot.handOver(reason).whenComplete((v, e) -> hosted.remove(id));
    }

    /** Cluster mode: whether bot {@code id} is not trading here (stopped, or never started). */
    public boolean stoppedHere(String id) {
        BotRuntime bot = bots.get(id);
        return bot == null || bot.state() == BotState.STOPPED || bot.state() == BotState.CREATED;
    }

    /**
     * Cluster mode, this node stopping: every bot it runs stops gracefully (a last checkpoint,
     * under its lease still), within the shutdown timeout, so that the leases can then be given up.
     */
    public void shutdownHosted() {
        CompletableFuture<?>[] stopping = hosted.stream().map(bots::get).filter(b -> b != null)
                .map(BotRuntime::shutdown).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stopping).get(shutdownTimeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("graceful stop of {} bots took longer than {} s; leaving the cluster anyway", stopping.length,
                    shutdownTimeoutSeconds);
        } catch (Exception e) {
            LOG.warn("graceful stop of the bots interrupted", e);
        }
        hosted.clear();
    }

    /**
     * Cluster mode: a desired state another node stored for a bot this node runs is applied here
     * (a lifecycle command given to another node).
     */
    public void applyStoredDesiredState(String id, DesiredState stored) {
        BotRuntime bot = bots.get(id);
        if (bot == null || !hosted.contains(id) || bot.desired() == stored) {
            return;
        }
        LifecycleCommand command = switch (stored) {
            case STOPPED -> LifecycleCommand.STOP;
            case PAUSED -> LifecycleCommand.PAUSE;
            case RUNNING -> bot.state() == BotState.PAUSED ? LifecycleCommand.RESUME : LifecycleCommand.START;
        };
        try {
            bot.command(command, () -> { });
        } catch (BotConflictException e) {
            LOG.debug("bot {}: stored desired state {} not applied now: {}", id, stored, e.getMessage());
        }
    }

    @Override
    public BotStatus swapStrategy(String id, String version, boolean force, String actor) {
        return new StrategySwap(this, bot(id)).to(version, force, Deployment.Kind.UPGRADE, actor);
    }

    @Override
    public BotStatus moveStrategy(String id, StrategySpec to, boolean force, String actor) {
        return new StrategySwap(this, bot(id)).move(to, force, Deployment.Kind.MOVE, actor, false);
    }

    @Override
    public BotStatus rollbackStrategy(String id, String actor) {
        StrategySwap swap = new StrategySwap(this, bot(id));
        RollbackTarget previous = swap.previous();
        if (previous.movesFrom(bot(id).config().strategy().id())) {
            return swap.move(new StrategySpec(previous.strategyId(), previous.version(), previous.params()), true,
                    Deployment.Kind.ROLLBACK, actor, true);
        }
        return swap.to(previous.version(), true, Deployment.Kind.ROLLBACK, actor);
    }

    @Override
    public List<Deployment> strategyHistory(String id) {
        bot(id);
        return deployments.history(id);
    }

    @Override
    public List<BotOrder> orders(String id, boolean openOnly, int limit) {
        bot(id);
        return journal.orders(id, openOnly, checkLimit(limit));
    }

    @Override
    public List<BotFill> fills(String id, int limit) {
        bot(id);
        return journal.fills(id, checkLimit(limit));
    }

    @Override
    public List<BotEvent> events(String id, int limit) {
        bot(id);
        return journal.events(id, checkLimit(limit));
    }

    @Override
    public List<Candle> candles(String id, int limit) {
        return bot(id).candles(checkLimit(limit));
    }

    // ------------------------------------------------------------------ availability

    @Override
    public void strategyAdded(StrategyProvider provider) {
        bots.values().stream()
                .filter(b -> b.config().strategy().id().equals(provider.id()))
                .forEach(BotRuntime::retryIfSuspended);
    }

    @Override
    public void strategyRemoved(StrategyProvider provider) {
        if (frameworkStopping()) {
            // strategy bundles may stop before this one: that is a shutdown, not a suspension
            bots.values().forEach(BotRuntime::shutdown);
            return;
        }
        bots.values().forEach(b -> b.suspendIfUsing(provider));
    }

    @Override
    public void accountAdded(ExchangeRef account, ExchangeAdapter adapter) {
        bots.values().stream().filter(b -> b.config().exchange().equals(account)).forEach(BotRuntime::retryIfSuspended);
    }

    @Override
    public void accountRemoved(ExchangeRef account, ExchangeAdapter adapter) {
        if (frameworkStopping()) {
            bots.values().forEach(BotRuntime::shutdown);
            return;
        }
        bots.values().stream().filter(b -> b.config().exchange().equals(account))
                .forEach(b -> b.suspendFor("exchange account " + account.id() + "/" + account.account() + " went away"));
        OrderRouter router = routers.remove(account);
        if (router != null) {
            router.close();
        }
    }

    @Override
    public void breakerOpened(ExchangeRef account, String reason) {
        // the account's circuit breaker opened; its bots wait in SUSPENDED (state kept)
        bots.values().stream().filter(b -> b.config().exchange().equals(account)).forEach(b -> b.suspendFor(reason, BotEvent.Kind.BREAKER_OPENED));
    }

    @Override
    public void breakerClosed(ExchangeRef account) {
        // back through the normal start path (recovery, reconciliation, candle catch-up); once more
        // from the mailbox, after a suspension the opening queued there and that has not run yet
        bots.values().stream().filter(b -> b.config().exchange().equals(account)).forEach(b -> {
            if (b.state() == BotState.SUSPENDED) {
                b.event(BotEvent.Type.RECOVERY, BotEvent.Kind.BREAKER_CLOSED, "exchange account " + account.id() + "/" + account.account()
                        + ": circuit breaker closed; resuming");
            }
            b.retryIfSuspended();
            b.retryIfSuspendedOnceQueuedWorkRan();
        });
    }

    // ------------------------------------------------------------------ helpers

    private boolean frameworkStopping() {
        return systemBundle != null && systemBundle.getState() == Bundle.STOPPING;
    }

    BotRuntime bot(String id) {
        BotRuntime bot = id == null ? null : bots.get(id);
        if (bot == null && cluster != null) {
            bot = knownFromStore(id);
        }
        if (bot == null) {
            throw new BotNotFoundException("no bot '" + id + "'");
        }
        return bot;
    }

    void persistConfig(BotConfig config) {
        StoredBot stored = botStore.find(config.id())
                .orElseThrow(() -> new BotNotFoundException("no bot '" + config.id() + "'"));
        try {
            botStore.update(config, stored.version());
        } catch (StoreConflictException e) {
            throw new BotConflictException("bot " + config.id() + " was changed concurrently; retry");
        }
    }

    BotValidation validation() {
        return new BotValidation(strategies, exchanges);
    }

    BotServices services() {
        return services;
    }

    private OrderRouter router(ExchangeRef account) {
        return routers.computeIfAbsent(account, a -> new OrderRouter(
                exchanges.find(a).orElseThrow(() -> new IllegalStateException("no exchange account " + a)),
                services.ids()));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new BotConflictException("the bot did not answer within 30 s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidBotConfigException("limit", "must be between 1 and 1000, was " + limit);
        }
        return limit;
    }

    private static StrategyCallGuard.Limits callLimits(Config config) {
        long millis = config.strategyCallTimeoutMillis();
        return new StrategyCallGuard.Limits(millis, config.strategyCallMaxAllocationMb() << 20, Math.min(1000, millis));
    }

    private static String randomId() {
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
