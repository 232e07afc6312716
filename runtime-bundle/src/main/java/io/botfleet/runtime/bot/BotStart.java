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

    private final BotSession session;
    private final BotServices services;
    private final StrategyCalls calls;
    private final BotLifecycle lifecycle;

    BotStart(BotSession session, BotServices services, StrategyCalls calls, BotLifecycle lifecycle) {
        this.session = session;
        this.services = services;
        this.calls = calls;
        this.lifecycle = lifecycle;
    }

    CompletionStage<?> run() {
        if (lifecycle.state() != BotState.STARTING) {
            return null;
        }
        BotConfig config = session.config();
        ExchangeAdapter account = services.exchanges().find(config.exchange()).orElse(null);
        if (account == null) {
            lifecycle.suspend("exchange account " + config.exchange().id() + "/" + config.exchange().account()
                    + " is not available");
            return null;
        }
        String blocked = services.exchanges().blockedReason(config.exchange()); // its circuit breaker is not CLOSED
        if (blocked != null) {
            lifecycle.suspend(blocked, BotEvent.Kind.BREAKER_OPENED);
            return null;
        }
        return CompletableFuture.supplyAsync(this::load, services.ioExecutor())
                .thenComposeAsync(recovered -> bind(account, recovered), services.botExecutor())
                .exceptionally(failure -> {
                    startFailed(failure);
                    return null;
                });
    }

    private void startFailed(Throwable failure) {
        if (BotRuntime.abandoned(failure)) {
            return; // the guard has already failed the bot
        }
        String blocked = services.exchanges().blockedReason(session.config().exchange());
        if (blocked != null) {
            lifecycle.suspend(blocked, BotEvent.Kind.BREAKER_OPENED); // the breaker opened meanwhile: wait for it, do not fail
        } else {
            lifecycle.journalFailed("start failed", failure);
        }
    }

    private Recovered load() {
        var journal = services.journal();
        BotProgress progress = journal.progress(session.id()).orElse(BotProgress.initial(session.id()));
        // the configured strategy's own: after a move back (a rollback) it is not the newest one
        StrategyCheckpoint checkpoint = journal.lastCheckpoint(session.id(), session.config().strategy().id())
                .orElse(null);
        return new Recovered(progress, checkpoint, journal.unfinishedOrders(session.id()),
                services.deployments().badVersions(session.config().strategy().id()).keySet());
    }

    private CompletionStage<Void> bind(ExchangeAdapter account, Recovered recovered) {
        if (lifecycle.state() != BotState.STARTING) {
            return done();
        }
        lifecycle.beginRun(new TradingBook(recovered.progress()), recovered.openOrders());
        boolean recovering = lifecycle.takeRecovering();
        if (recovering) {
            lifecycle.event(BotEvent.Type.RECOVERY, recovered.describe());
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
        if (checkpoint != null && checkpoint.strategyId().equals(session.config().strategy().id())) {
            instance = restoreOrFresh(target, instance, checkpoint);
            if (instance == null) {
                return done();
            }
        }
        session.install(instance, target, account);
        Instant strategyUpTo = checkpoint != null ? checkpoint.lastCandleTime() : null;
        Strategy strategy = instance;
        return account.instrument(session.config().symbol())
                .thenComposeAsync(found -> {
                    session.instrument(found);
                    return new CatchUp(session, services, calls, lifecycle)
                            .replay(strategy, strategyUpTo, session.book().lastCandleTime());
                }, services.botExecutor())
                .thenComposeAsync(v -> reconcile(), services.botExecutor())
                .thenRunAsync(this::goLive, services.botExecutor());
    }

    private void notInstalled(String wanted, boolean reinstall) {
        String strategyId = session.config().strategy().id();
        lifecycle.suspend("strategy " + strategyId + " " + (wanted != null ? wanted : "(any good version)")
                + " is not installed" + (reinstall ? "; reinstalling it from the artifact store" : ""));
        if (reinstall) {
            services.reinstall().accept(strategyId, wanted);
        }
    }

    /** The version this bot must run: its configured one, else the one its checkpoint was made by. */
    private String wantedVersion(StrategyCheckpoint checkpoint) {
        String strategyId = session.config().strategy().id();
        String wanted = session.config().strategy().version();
        if (wanted == null && checkpoint != null && checkpoint.strategyId().equals(strategyId)) {
            wanted = checkpoint.strategyVersion();
        }
        return wanted;
    }

    private StrategyProvider chooseVersion(String wanted, Set<String> badVersions) {
        String strategyId = session.config().strategy().id();
        return (wanted != null ? services.strategies().find(strategyId, wanted)
                : services.strategies().newest(strategyId, badVersions)).orElse(null);
    }

    private Strategy newConfiguredInstance(StrategyProvider target) {
        Strategy instance = target.newInstance();
        if (instance == null) {
            lifecycle.suspend("strategy " + target.id() + " " + target.versionString() + " went away");
            return null;
        }
        try {
            calls.configure(instance, session.config().strategy().params());
            return instance;
        } catch (StrategyParameterException e) {
            target.release(instance);
            lifecycle.fail("strategy.params." + e.parameter() + ": " + e.getMessage());
            return null;
        } catch (RuntimeException | LinkageError e) {
            target.release(instance);
            lifecycle.fail("strategy " + target.id() + " " + target.versionString() + " refused its parameters: " + e);
            return null;
        }
    }

    private Strategy restoreOrFresh(StrategyProvider target, Strategy instance, StrategyCheckpoint checkpoint) {
        try {
            calls.restore(instance, checkpoint.snapshot(), checkpoint.strategyVersion());
            return instance;
        } catch (RuntimeException | LinkageError e) {
            // A snapshot the strategy cannot read costs its warm-up, not the session.
            lifecycle.event(BotEvent.Type.ERROR, "restoring the strategy checkpoint failed (" + e + "); starting it fresh");
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
        if (lifecycle.state() != BotState.STARTING || session.strategy() == null) {
            return done();
        }
        return lifecycle.reconcileOrders();
    }

    private void goLive() {
        if (lifecycle.state() != BotState.STARTING || session.strategy() == null) {
            return;
        }
        lifecycle.goLive();
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
