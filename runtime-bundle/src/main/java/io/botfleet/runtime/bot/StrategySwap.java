package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.Deployment;
import io.botfleet.runtime.strategy.StrategyProvider;
import java.util.Optional;
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
            record(strategyId, from, target.versionString(), actor, kind, Deployment.OK, "applied at the next start");
            return bot.status();
        }
        SwapWatch watch = kind == Deployment.Kind.UPGRADE ? new SwapWatch(
                fleet.services().settings().autoRollbackFaults(), fleet.services().settings().autoRollbackWindow(),
                () -> autoRollback(strategyId, from, target.versionString())) : null;
        try {
            Fleet.await(bot.swap(target, watch));
        } catch (RuntimeException e) {
            fleet.stats.recordSwap(false);
            record(strategyId, from, target.versionString(), actor, kind, Deployment.FAILED, e.getMessage());
            bot.event(BotEvent.Type.SWAP, kind + " " + from + " -> " + target.versionString() + " refused: " + e.getMessage());
            throw e;
        }
        fleet.persistConfig(bot.config());
        fleet.stats.recordSwap(true);
        record(strategyId, from, target.versionString(), actor, kind, Deployment.OK, "");
        bot.event(BotEvent.Type.SWAP, kind + " " + from + " -> " + target.versionString() + " by " + actor);
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

    /** The version before the current one in the bot's deployment history. */
    String previousVersion() {
        String current = bot.status().strategyVersion();
        return fleet.deployments.history(bot.id()).stream()
                .filter(d -> Deployment.OK.equals(d.outcome()) && d.toVersion().equals(current) && d.fromVersion() != null)
                .map(Deployment::fromVersion)
                .findFirst()
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

    private void record(String strategyId, String from, String to, String actor, Deployment.Kind kind, String outcome,
                        String detail) {
        fleet.deployments.record(new Deployment(bot.id(), strategyId, from, to, fleet.services().clock().instant(),
                actor, kind, outcome, detail));
    }

    private static <T> T await(CompletableFuture<T> future) {
        return Fleet.await(future);
    }
}
