package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.market.Candle;
import io.botfleet.api.pipeline.SignalCollector;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyParameterException;
import io.botfleet.runtime.strategy.StrategyProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategy a bot runs, between two events: replacing its instance (a swap, new parameters)
 * with its state carried over, its checkpoints, its run of consecutive faults and the watch that
 * rolls back a version just swapped in. Mailbox only.
 */
final class StrategySlot {

    private static final Logger LOG = LoggerFactory.getLogger(StrategySlot.class);

    private final BotSession session;
    private final BotServices services;
    private final StrategyCalls calls;
    private final BotHost host;
    private int consecutiveFaults;
    private int candlesSinceCheckpoint;
    private SwapWatch swapWatch;
    /** When the last swap request entered the mailbox (0: none pending measurement). */
    private long swapRequestedNanos;

    StrategySlot(BotSession session, BotServices services, StrategyCalls calls, BotHost host) {
        this.session = session;
        this.services = services;
        this.calls = calls;
        this.host = host;
    }

    /**
     * Puts a new instance of {@code target}, configured with {@code with}'s parameters and holding
     * the running one's snapshot, in place of the running one. Throws {@link BotConflictException}
     * (the running instance stays) when either strategy refuses.
     */
    void replace(StrategyProvider target, BotConfig with, String why) {
        Map<String, Object> snapshot;
        try {
            snapshot = calls.snapshot(session.strategy());
        } catch (RuntimeException | LinkageError e) {
            throw new BotConflictException("the running strategy could not take a snapshot for the " + why + ": " + e);
        }
        Strategy next = target.newInstance();
        if (next == null) {
            throw new BotConflictException("strategy " + target.id() + " " + target.versionString() + " went away");
        }
        try {
            calls.configure(next, with.strategy().params());
            calls.restore(next, snapshot, session.runningVersion());
        } catch (RuntimeException | LinkageError e) {
            target.release(next);
            throw new BotConflictException("strategy " + target.id() + " " + target.versionString()
                    + " refused the " + why + ": " + e.getMessage());
        }
        session.replaceStrategy(next, target);
        consecutiveFaults = 0;
    }

    /** An instance of another strategy, configured (and restored), not yet in place. */
    record Prepared(Strategy instance, StrategyProvider target, Instant after, String note) {
    }

    /**
     * The first half of a move to another strategy: an instance of {@code target} configured with
     * {@code with}'s parameters. It cannot read the running strategy's snapshot: it either restores
     * {@code restoreFrom} (that strategy's own last checkpoint, on a rollback; {@link Prepared#after}
     * is then its last candle) or starts fresh. Throws (nothing changes) when the strategy refuses
     * its parameters. The caller warms it up, then {@link #install installs} or {@link #discard discards} it.
     */
    Prepared prepareMove(StrategyProvider target, BotConfig with, StrategyCheckpoint restoreFrom) {
        Strategy next = target.newInstance();
        if (next == null) {
            throw new BotConflictException("strategy " + target.id() + " " + target.versionString() + " went away");
        }
        try {
            calls.configure(next, with.strategy().params());
        } catch (StrategyParameterException e) {
            target.release(next);
            throw new InvalidBotConfigException("strategy.params." + e.parameter(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            target.release(next);
            throw new BotConflictException("strategy " + target.id() + " " + target.versionString()
                    + " refused its parameters: " + e.getMessage());
        }
        if (restoreFrom == null) {
            return new Prepared(next, target, null, "fresh");
        }
        try {
            calls.restore(next, restoreFrom.snapshot(), restoreFrom.strategyVersion());
            return new Prepared(next, target, restoreFrom.lastCandleTime(),
                    "its checkpoint of " + restoreFrom.lastCandleTime() + " restored");
        } catch (RuntimeException | LinkageError e) {
            // a checkpoint the strategy cannot read costs its state, not the rollback
            host.event(BotEvent.Type.ERROR, "restoring " + target.id() + "'s checkpoint failed (" + e
                    + "); it starts fresh");
            target.release(next);
            return prepareMove(target, with, null);
        }
    }

    /**
     * Feeds a prepared instance the bot's candles after its state, oldest first: after a restored
     * checkpoint every one, else its last {@code warmupCandles()}. Every signal is dropped: the
     * book already holds what those candles did.
     */
    int warmUp(Prepared prepared, List<Candle> recent) {
        Strategy strategy = prepared.instance();
        return warmUp(strategy, recent, prepared.after(),
                prepared.after() == null ? strategy.warmupCandles() : Integer.MAX_VALUE);
    }

    /** Puts a prepared instance in place of the running one, which goes back to its provider. */
    void install(Prepared prepared) {
        session.replaceStrategy(prepared.instance(), prepared.target());
        consecutiveFaults = 0;
    }

    /** A prepared instance that will not run goes back to its provider. */
    void discard(Prepared prepared) {
        prepared.target().release(prepared.instance());
    }

    /** Feeds the newest {@code max} candles after {@code after} (null: any) to the strategy alone. */
    private int warmUp(Strategy strategy, List<Candle> candles, Instant after, int max) {
        List<Candle> usable = candles.stream().filter(c -> after == null || c.openTime().isAfter(after)).toList();
        List<Candle> fed = usable.subList(Math.max(0, usable.size() - Math.max(0, max)), usable.size());
        SignalCollector context = session.context();
        for (Candle candle : fed) {
            context.reset(session.book().position().qty());
            try {
                calls.onCandle(strategy, candle, context);
            } catch (RuntimeException | LinkageError e) {
                host.event(BotEvent.Type.ERROR, "strategy threw during warm-up at " + candle.openTime() + ": " + e);
            }
        }
        context.reset(session.book().position().qty());
        return fed.size();
    }

    /** A swap just happened: its pause is measured at the next candle, and {@code watch} (or null) judges the version. */
    void swapped(long requestedNanos, SwapWatch watch) {
        swapRequestedNanos = requestedNanos;
        swapWatch = watch;
    }

    /** A candle went through the strategy: the pause of a swap before it is recorded. */
    void candleTaken() {
        if (swapRequestedNanos != 0) {
            services.stats().recordSwapPause(System.nanoTime() - swapRequestedNanos);
            swapRequestedNanos = 0;
        }
    }

    /** Counts what the strategy did on an event: a fault (or null) extends or ends its run of faults. */
    void outcome(Throwable fault) {
        if (fault == null) {
            consecutiveFaults = 0;
        } else {
            consecutiveFaults++;
            String error = "strategy " + session.config().strategy().id() + " " + session.runningVersion() + " threw "
                    + fault;
            host.lastError(error);
            LOG.warn("bot {}: {}", session.id(), error, fault);
            host.event(BotEvent.Type.ERROR, error);
        }
        SwapWatch watch = swapWatch;
        if (watch != null && watch.record(fault != null)) {
            swapWatch = null;
            watch.onTripped().run();
        }
    }

    /** How many events in a row the strategy has failed. */
    int consecutiveFaults() {
        return consecutiveFaults;
    }

    /** Counts a candle; true when a periodic checkpoint is due. */
    boolean checkpointDue() {
        return ++candlesSinceCheckpoint >= services.settings().checkpointEveryCandles();
    }

    /** The strategy hangs: a version still under its swap watch is rolled back at once. */
    void abandoned() {
        SwapWatch watch = swapWatch;
        swapWatch = null;
        if (watch != null) {
            // a version just swapped in hangs: roll it back at once, the restart takes the old one
            watch.onTripped().run();
        }
    }

    /** Gives the instance back to its provider; nothing is watched any more. */
    void release() {
        session.releaseStrategy();
        swapWatch = null;
    }

    /** Writes the strategy's snapshot; a strategy that cannot snapshot costs an event, not the bot. */
    CompletionStage<Void> checkpoint() {
        candlesSinceCheckpoint = 0;
        Strategy strategy = session.strategy();
        TradingBook book = session.book();
        if (strategy == null || book == null) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Object> snapshot;
        try {
            snapshot = calls.snapshot(strategy);
        } catch (RuntimeException | LinkageError e) {
            host.event(BotEvent.Type.ERROR, "strategy snapshot failed: " + e);
            return CompletableFuture.completedFuture(null);
        }
        StrategyCheckpoint checkpoint = new StrategyCheckpoint(session.id(), session.config().strategy().id(),
                session.runningVersion(), book.lastCandleTime(), snapshot, services.clock().instant());
        return services.journal().checkpoint(checkpoint).exceptionally(e -> {
            LOG.warn("bot {}: checkpoint failed", session.id(), e);
            return null;
        });
    }
}
