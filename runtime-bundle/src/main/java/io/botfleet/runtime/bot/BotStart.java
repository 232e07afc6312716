package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyParameterException;
import io.botfleet.runtime.strategy.StrategyProvider;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One start of a bot, first or after a crash, failure or suspension: reload what was committed
 * (off the bot's thread), bind the strategy version it must run and restore its checkpoint, catch
 * the strategy up to the committed progress, settle unfinished orders with the exchange, and only
 * then go live. Runs as one mailbox message of the bot (the mailbox waits for the stage).
 */
final class BotStart {

    private final BotRuntime bot;

    BotStart(BotRuntime bot) {
        this.bot = bot;
    }

    CompletionStage<?> run() {
        if (bot.state() != BotState.STARTING) {
            return null;
        }
        BotConfig config = bot.config();
        ExchangeAdapter account = bot.services.exchanges().find(config.exchange()).orElse(null);
        if (account == null) {
            bot.suspend("exchange account " + config.exchange().id() + "/" + config.exchange().account()
                    + " is not available");
            return null;
        }
        String blocked = bot.services.exchanges().blockedReason(config.exchange()); // its circuit breaker is not CLOSED
        if (blocked != null) {
            bot.suspend(blocked);
            return null;
        }
        return CompletableFuture.supplyAsync(this::load, bot.services.ioExecutor())
                .thenComposeAsync(recovered -> bind(account, recovered), bot.services.botExecutor())
                .exceptionally(failure -> {
                    startFailed(failure);
                    return null;
                });
    }

    private void startFailed(Throwable failure) {
        if (BotRuntime.abandoned(failure)) {
            return; // the guard has already failed the bot
        }
        String blocked = bot.services.exchanges().blockedReason(bot.config().exchange());
        if (blocked != null) {
            bot.suspend(blocked); // the breaker opened meanwhile: wait for it, do not fail
        } else {
            bot.journalFailed("start failed", failure);
        }
    }

    private Recovered load() {
        var journal = bot.services.journal();
        BotProgress progress = journal.progress(bot.id).orElse(BotProgress.initial(bot.id));
        StrategyCheckpoint checkpoint = journal.lastCheckpoint(bot.id).orElse(null);
        return new Recovered(progress, checkpoint, journal.unfinishedOrders(bot.id),
                bot.services.deployments().badVersions(bot.config().strategy().id()).keySet());
    }

    private CompletionStage<Void> bind(ExchangeAdapter account, Recovered recovered) {
        if (bot.state() != BotState.STARTING) {
            return done();
        }
        bot.trading = new TradingBook(recovered.progress());
        bot.beginRun(recovered.openOrders());
        boolean recovering = bot.takeRecovering();
        if (recovering) {
            bot.event(BotEvent.Type.RECOVERY, recovered.describe());
        }
        String wanted = wantedVersion(recovered.checkpoint());
        StrategyProvider target = chooseVersion(wanted, recovered.badVersions());
        if (target == null) {
            notInstalled(wanted, recovering && wanted != null);
            return done();
        }
        Strategy instance = newConfiguredInstance(target);
        if (instance == null) {
            return done();
        }
        StrategyCheckpoint checkpoint = recovered.restorableCheckpoint();
        if (checkpoint != null && checkpoint.strategyId().equals(bot.config().strategy().id())) {
            instance = restoreOrFresh(target, instance, checkpoint);
            if (instance == null) {
                return done();
            }
        }
        bot.install(instance, target, account);
        Instant strategyUpTo = checkpoint != null ? checkpoint.lastCandleTime() : null;
        Strategy strategy = instance;
        return account.instrument(bot.config().symbol())
                .thenComposeAsync(found -> {
                    bot.instrument = found;
                    return new CatchUp(bot).replay(strategy, bot.context(), strategyUpTo, bot.trading.lastCandleTime());
                }, bot.services.botExecutor())
                .thenComposeAsync(v -> reconcile(), bot.services.botExecutor())
                .thenRunAsync(this::goLive, bot.services.botExecutor());
    }

    private void notInstalled(String wanted, boolean reinstall) {
        String strategyId = bot.config().strategy().id();
        bot.suspend("strategy " + strategyId + " " + (wanted != null ? wanted : "(any good version)")
                + " is not installed" + (reinstall ? "; reinstalling it from the artifact store" : ""));
        if (reinstall) {
            bot.services.reinstall().accept(strategyId, wanted);
        }
    }

    /** The version this bot must run: its configured one, else the one its checkpoint was made by. */
    private String wantedVersion(StrategyCheckpoint checkpoint) {
        String strategyId = bot.config().strategy().id();
        String wanted = bot.config().strategy().version();
        if (wanted == null && checkpoint != null && checkpoint.strategyId().equals(strategyId)) {
            wanted = checkpoint.strategyVersion();
        }
        return wanted;
    }

    private StrategyProvider chooseVersion(String wanted, Set<String> badVersions) {
        String strategyId = bot.config().strategy().id();
        return (wanted != null ? bot.services.strategies().find(strategyId, wanted)
                : bot.services.strategies().newest(strategyId, badVersions)).orElse(null);
    }

    private Strategy newConfiguredInstance(StrategyProvider target) {
        Strategy instance = target.newInstance();
        if (instance == null) {
            bot.suspend("strategy " + target.id() + " " + target.versionString() + " went away");
            return null;
        }
        try {
            bot.calls.configure(instance, bot.config().strategy().params());
            return instance;
        } catch (StrategyParameterException e) {
            target.release(instance);
            bot.fail("strategy.params." + e.parameter() + ": " + e.getMessage());
            return null;
        } catch (RuntimeException | LinkageError e) {
            target.release(instance);
            bot.fail("strategy " + target.id() + " " + target.versionString() + " refused its parameters: " + e);
            return null;
        }
    }

    private Strategy restoreOrFresh(StrategyProvider target, Strategy instance, StrategyCheckpoint checkpoint) {
        try {
            bot.calls.restore(instance, checkpoint.snapshot(), checkpoint.strategyVersion());
            return instance;
        } catch (RuntimeException | LinkageError e) {
            // A snapshot the strategy cannot read costs its warm-up, not the bot.
            bot.event(BotEvent.Type.ERROR, "restoring the strategy checkpoint failed (" + e + "); starting it fresh");
            target.release(instance);
            return newConfiguredInstance(target);
        }
    }

    /**
     * Before any candle: listen to the account's order stream, then settle every order the journal
     * holds as unfinished with the exchange (missed fills applied), so the strategy never acts on
     * a position the exchange has already changed.
     */
    private CompletionStage<Void> reconcile() {
        if (bot.state() != BotState.STARTING || bot.strategy() == null) {
            return done();
        }
        bot.attachOrderStream();
        return bot.orderFlow.reconcileAtStart();
    }

    private void goLive() {
        if (bot.state() != BotState.STARTING || bot.strategy() == null) {
            return;
        }
        bot.attachFeed();
        bot.enterLive();
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
