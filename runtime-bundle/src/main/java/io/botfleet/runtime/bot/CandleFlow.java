package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.market.Candle;
import io.botfleet.api.pipeline.CandleDecision;
import io.botfleet.api.pipeline.CandleTerms;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.runtime.market.CandleCurrency;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live bot's candles after the mailbox: the decision ({@link io.botfleet.api.pipeline.CandlePipeline}),
 * its commit to the journal before any order goes out, the sends, and the back-pressure that keeps
 * a fast replay from outrunning the journal.
 */
final class CandleFlow {

    static final int MAX_COMMITS_IN_FLIGHT = 256;

    private final BotSession session;
    private final BotServices services;
    private final StrategySlot slot;
    private final OrderFlow orderFlow;
    private final BotLifecycle bot;
    /** Candle commits submitted but not yet durable; bounded so a fast replay cannot outrun the journal. */
    private final AtomicInteger commitsInFlight = new AtomicInteger();
    /** The candle being processed, completed by the guard if the strategy never returns from it. */
    private volatile CompletableFuture<Void> candleInHand;

    CandleFlow(BotSession session, BotServices services, StrategySlot slot, OrderFlow orderFlow, BotLifecycle bot) {
        this.session = session;
        this.services = services;
        this.slot = slot;
        this.orderFlow = orderFlow;
        this.bot = bot;
    }

    /**
     * Decides {@code candle}, a new one for a bot that is RUNNING or PAUSED, commits it and sends
     * its orders. {@code arrived} is when the feed handed it over ({@link System#nanoTime()}), for
     * the candle-to-order latency. {@code consumed} completes once the bot is done with it (for a
     * candle with orders: once they were sent); the stage returned is what the mailbox waits for.
     */
    CompletionStage<?> take(Candle candle, long arrived, boolean paused, CompletableFuture<Void> consumed) {
        TradingBook book = session.book();
        candleInHand = consumed;
        // judged when the bot takes the candle, by the exchange's clock: how it came (stream,
        // REST after a gap, a late joiner's or a restart's catch-up) does not matter
        String history = CandleCurrency.historyReason(candle, session.adapter());
        CandleDecision out = session.pipeline().decide(candle, new CandleTerms(session.config(), session.instrument(),
                history, paused, services.clock().instant()), session.strategy(), book, session.orders());
        out.intents().forEach(session.orders()::put);
        candleInHand = null;
        slot.candleTaken();
        slot.outcome(out.strategyFault());
        int submittedIn = session.run();
        CompletionStage<Void> committed = services.journal().commitCandle(book.progress(), out.intents());
        if (!out.intents().isEmpty()) {
            // Orders go out only once their intents are durable: wait for the commit, then send.
            return committed.handleAsync((v, failure) -> sendAfterCommit(failure, out, arrived, consumed),
                            services.botExecutor())
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
                bot.post(() -> {
                    if (session.isCurrentRun(submittedIn)) {
                        bot.journalFailed("journal write failed", failure);
                    }
                    return null;
                });
            }
        });
        CompletionStage<?> housekeeping = afterCandle(out);
        return commitsInFlight.get() >= MAX_COMMITS_IN_FLIGHT ? tracked.thenCompose(v -> housekeeping) : housekeeping;
    }

    /** The strategy never returned from the candle in hand (any thread): the feed need not wait for it. */
    void releaseCandleInHand() {
        CompletableFuture<Void> inHand = candleInHand;
        if (inHand != null) {
            inHand.complete(null);
        }
    }

    private CompletionStage<?> sendAfterCommit(Throwable failure, CandleDecision out, long arrived,
                                               CompletableFuture<Void> consumed) {
        if (failure != null) {
            consumed.complete(null);
            bot.journalFailed("journal write failed", failure);
            return CompletableFuture.completedFuture(null);
        }
        services.stats().recordCandleToOrder(System.nanoTime() - arrived);
        CompletableFuture<?>[] sent = out.intents().stream().map(orderFlow::send).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sent).whenComplete((v, e) -> consumed.complete(null));
        return afterCandle(out);
    }

    /** Events, figures, the fault limit and the periodic checkpoint, once a candle is done. */
    private CompletionStage<?> afterCandle(CandleDecision out) {
        out.notes().forEach(n -> bot.event(BotEvent.Type.RISK, n));
        bot.publish();
        int faults = slot.consecutiveFaults();
        if (faults >= services.settings().maxStrategyFaults()) {
            bot.fail("strategy " + session.config().strategy().id() + " " + session.runningVersion() + " failed "
                    + faults + " events in a row: " + bot.lastError());
            return CompletableFuture.completedFuture(null);
        }
        if (slot.checkpointDue()) {
            slot.checkpoint(); // not awaited: the journal orders it after this bot's earlier writes
        }
        return CompletableFuture.completedFuture(null);
    }
}
