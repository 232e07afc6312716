package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.api.pipeline.SignalCollector;
import io.botfleet.api.strategy.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Brings a restored strategy up to the bot's committed progress before it goes live: the candles
 * after its checkpoint (or, without one, its warm-up) are fetched from the exchange's history and
 * fed to the strategy alone. No signal from them is traded and no counter moves: the journal
 * already holds what those candles did.
 */
final class CatchUp {

    private final BotSession session;
    private final BotServices services;
    private final StrategyCalls calls;
    private final BotHost host;
    private int replayed;

    CatchUp(BotSession session, BotServices services, StrategyCalls calls, BotHost host) {
        this.session = session;
        this.services = services;
        this.calls = calls;
        this.host = host;
    }

    /** How many candles the replay fed the strategy. */
    int replayed() {
        return replayed;
    }

    /**
     * @param strategyUpTo the last candle the strategy's state includes, or null (fresh instance)
     * @param progressUpTo the last candle the bot committed, or null (never ran)
     */
    CompletionStage<Void> replay(Strategy strategy, Instant strategyUpTo, Instant progressUpTo) {
        if (progressUpTo == null || (strategyUpTo != null && !strategyUpTo.isBefore(progressUpTo))) {
            return CompletableFuture.completedFuture(null);
        }
        Interval interval = session.config().interval();
        Instant from = strategyUpTo != null
                ? strategyUpTo.plus(interval.duration())
                : progressUpTo.minus(interval.duration().multipliedBy(Math.max(0, strategy.warmupCandles() - 1L)));
        Instant to = progressUpTo.plus(interval.duration());
        return page(strategy, from, to).thenRun(() -> {
            if (replayed > 0) {
                host.event(BotEvent.Type.RECOVERY, "replayed " + replayed + " candles up to " + progressUpTo
                        + " into the strategy (no orders)");
            }
        });
    }

    private CompletionStage<Void> page(Strategy strategy, Instant from, Instant to) {
        return session.adapter().candleHistory(session.config().symbol(), session.config().interval(), from, to)
                .thenComposeAsync(candles -> {
                    Instant next = feed(strategy, candles, from);
                    return next != null && next.isBefore(to)
                            ? page(strategy, next, to)
                            : CompletableFuture.<Void>completedFuture(null);
                }, services.botExecutor());
    }

    /** Feeds one page; returns where the next page starts, or null when this one made no progress. */
    private Instant feed(Strategy strategy, List<Candle> candles, Instant from) {
        SignalCollector context = session.context();
        Instant last = null;
        for (Candle candle : candles) {
            if (candle.openTime().isBefore(from) || (last != null && !candle.openTime().isAfter(last))) {
                continue;
            }
            context.reset(session.book().position().qty());
            try {
                calls.onCandle(strategy, candle, context);
            } catch (RuntimeException | LinkageError e) {
                host.event(BotEvent.Type.ERROR, "strategy threw during catch-up at " + candle.openTime() + ": " + e);
            }
            last = candle.openTime();
            replayed++;
        }
        return last == null ? null : last.plus(session.config().interval().duration());
    }
}
