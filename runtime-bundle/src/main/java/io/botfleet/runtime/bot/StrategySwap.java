package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.Deployment;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.runtime.strategy.StrategyProvider;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One strategy version change of one bot, with its bookkeeping: refuses bad versions unless
 * forced, performs the swap inside the bot's mailbox, persists the new version, records the
 * deployment (also when it fails), and arms the automatic rollback of a version that keeps failing.
 */
final class StrategySwap {

    private static final Logger LOG = LoggerFactory.getLogger(StrategySwap.class);

    private final Fleet fleet;
    private final BotRuntime bot;

    StrategySwap(Fleet fleet, BotRuntime bot) {
        this.fleet = fleet;
        this.bot = bot;
    }

    /**
     * Changes the bot's version to {@code version}. One change of a bot at a time: an automatic
     * rollback tripped while the upgrade it undoes is still being persisted waits for it, rather
     * than both writing the bot's configuration at once (the later write would be refused as a
     * concurrent change and the rollback lost).
     */
    BotStatus to(String version, boolean force, Deployment.Kind kind, String actor) {
        return bot.oneStrategyChangeAtATime(() -> change(version, force, kind, actor));
    }

    private BotStatus change(String version, boolean force, Deployment.Kind kind, String actor) {
        String strategyId = bot.config().strategy().id();
        Map<String, Object> params = bot.config().strategy().params();
        StrategyProvider target = fleet.strategies.find(strategyId, version)
                .orElseGet(() -> reinstalled(strategyId, version));
        String bad = fleet.deployments.badVersions(strategyId).get(target.versionString());
        if (bad != null && !force) {
            throw new BotConflictException(strategyId + " " + target.versionString() + " is marked bad (" + bad
                    + "); force the swap to use it anyway");
        }
        String from = bot.status().strategyVersion();
        if (target.versionString().equals(from)) {
            throw new BotConflictException("bot " + bot.id() + " already runs " + strategyId + " " + from);
        }
        BotState state = bot.state();
        if (state != BotState.RUNNING && state != BotState.PAUSED) {
            fleet.persistConfig(bot.config().withStrategy(bot.config().strategy().withVersion(target.versionString())));
            await(bot.reconfigure(bot.config().withStrategy(bot.config().strategy().withVersion(target.versionString()))));
            record(strategyId, strategyId, from, target.versionString(), params, params, actor, kind, Deployment.OK,
                    "applied at the next start");
            return bot.status();
        }
        SwapWatch watch = kind == Deployment.Kind.UPGRADE ? new SwapWatch(
                fleet.services().settings().autoRollbackFaults(), fleet.services().settings().autoRollbackWindow(),
                () -> autoRollback(strategyId, from, target.versionString())) : null;
        try {
            Fleet.await(bot.swap(target, watch));
        } catch (RuntimeException e) {
            fleet.stats.recordSwap(false);
            record(strategyId, strategyId, from, target.versionString(), params, params, actor, kind, Deployment.FAILED,
                    e.getMessage());
            bot.event(BotEvent.Type.SWAP, kind + " " + from + " -> " + target.versionString() + " refused: " + e.getMessage());
            throw e;
        }
        fleet.persistConfig(bot.config());
        fleet.stats.recordSwap(true);
        record(strategyId, strategyId, from, target.versionString(), params, params, actor, kind, Deployment.OK, "");
        bot.event(BotEvent.Type.SWAP, kind + " " + from + " -> " + target.versionString() + " by " + actor);
        return bot.status();
    }

    /**
     * Moves the bot to another strategy id ({@code to}'s version null: the newest good one). With
     * {@code restore} (a rollback), the target strategy's own last checkpoint of this bot is
     * restored; otherwise it starts fresh. One change of a bot at a time, as {@link #to}.
     */
    BotStatus move(StrategySpec to, boolean force, Deployment.Kind kind, String actor, boolean restore) {
        return bot.oneStrategyChangeAtATime(() -> changeStrategy(to, force, kind, actor, restore));
    }

    private BotStatus changeStrategy(StrategySpec to, boolean force, Deployment.Kind kind, String actor,
                                     boolean restore) {
        BotConfig current = bot.config();
        String fromId = current.strategy().id();
        if (to.id().equals(fromId)) {
            throw new BotConflictException("bot " + bot.id() + " already runs " + fromId
                    + "; change its version with {\"version\"} alone, its parameters with PATCH");
        }
        Set<String> badVersions = fleet.deployments.badVersions(to.id()).keySet();
        StrategyProvider target = to.version() != null
                ? fleet.strategies.find(to.id(), to.version()).orElseGet(() -> reinstalled(to.id(), to.version()))
                : fleet.strategies.newest(to.id(), badVersions).orElseThrow(() -> new BotNotFoundException(
                        "no version of strategy " + to.id() + " is installed (or every one is marked bad)"));
        String bad = fleet.deployments.badVersions(to.id()).get(target.versionString());
        if (bad != null && !force) {
            throw new BotConflictException(to.id() + " " + target.versionString() + " is marked bad (" + bad
                    + "); force the move to use it anyway");
        }
        BotConfig moved = current.withStrategy(new StrategySpec(to.id(), target.versionString(), to.params()));
        fleet.validation().checkParams(moved);
        String fromVersion = bot.status().strategyVersion() != null ? bot.status().strategyVersion()
                : current.strategy().version();
        String what = kind + " " + fromId + " " + fromVersion + " -> " + to.id() + " " + target.versionString();
        BotState state = bot.state();
        if (state != BotState.RUNNING && state != BotState.PAUSED) {
            fleet.persistConfig(moved);
            await(bot.reconfigure(moved));
            record(fromId, to.id(), fromVersion, target.versionString(), current.strategy().params(), to.params(),
                    actor, kind, Deployment.OK, "applied at the next start");
            bot.event(BotEvent.Type.SWAP, what + " by " + actor + "; applied at the next start");
            return bot.status();
        }
        StrategyCheckpoint checkpoint = restore ? fleet.journal.lastCheckpoint(bot.id(), to.id()).orElse(null) : null;
        String prepared;
        try {
            prepared = Fleet.await(bot.move(target, moved, checkpoint));
        } catch (RuntimeException e) {
            fleet.stats.recordSwap(false);
            record(fromId, to.id(), fromVersion, target.versionString(), current.strategy().params(), to.params(),
                    actor, kind, Deployment.FAILED, e.getMessage());
            bot.event(BotEvent.Type.SWAP, what + " refused: " + e.getMessage());
            throw e;
        }
        fleet.persistConfig(moved);
        fleet.stats.recordSwap(true);
        record(fromId, to.id(), fromVersion, target.versionString(), current.strategy().params(), to.params(),
                actor, kind, Deployment.OK, prepared);
        bot.event(BotEvent.Type.SWAP, what + " by " + actor + " (" + prepared + ")");
        return bot.status();
    }

    /** Brings an uninstalled version back from the artifact store, or says it is unknown. */
    private StrategyProvider reinstalled(String strategyId, String version) {
        if (!fleet.deployer.ensureStrategyInstalled(strategyId, version)) {
            throw new BotNotFoundException("strategy " + strategyId + " " + version
                    + " is neither installed nor in the artifact store");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<StrategyProvider> bound = fleet.strategies.find(strategyId, version);
            if (bound.isPresent()) {
                bot.event(BotEvent.Type.SWAP, strategyId + " " + version + " reinstalled from the artifact store");
                return bound.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new BotConflictException("strategy " + strategyId + " " + version
                + " was reinstalled but did not register within 10 s");
    }

    /** What the change that brought the bot to its present strategy and version came from. */
    RollbackTarget previous() {
        BotConfig config = bot.config();
        String current = bot.status().strategyVersion() != null ? bot.status().strategyVersion()
                : config.strategy().version();
        return RollbackTarget.find(fleet.deployments.history(bot.id()), config.strategy().id(), current,
                        config.strategy().params())
                .orElseThrow(() -> new BotConflictException("bot " + bot.id() + " has no previous version to roll back to"));
    }

    /** Runs off the bot's thread: it waits for the bot's mailbox, which is busy tripping the watch. */
    private void autoRollback(String strategyId, String from, String to) {
        CompletableFuture.runAsync(() -> {
            String reason = "failed " + fleet.services().settings().autoRollbackFaults() + " of its first "
                    + fleet.services().settings().autoRollbackWindow() + " events on bot " + bot.id();
            try {
                fleet.deployments.markBad(strategyId, to, reason);
                to(from, true, Deployment.Kind.AUTO_ROLLBACK, "system");
            } catch (RuntimeException e) {
                LOG.error("automatic rollback of bot {} from {} to {} failed", bot.id(), to, from, e);
            }
        }, fleet.services().ioExecutor());
    }

    private void record(String fromStrategy, String toStrategy, String from, String to, Map<String, Object> fromParams,
                        Map<String, Object> toParams, String actor, Deployment.Kind kind, String outcome, String detail) {
        fleet.deployments.record(new Deployment(bot.id(), from == null ? null : fromStrategy, toStrategy, from, to,
                fromParams, toParams, fleet.services().clock().instant(), actor, kind, outcome, detail));
    }

    private static <T> T await(CompletableFuture<T> future) {
        return Fleet.await(future);
    }
}
