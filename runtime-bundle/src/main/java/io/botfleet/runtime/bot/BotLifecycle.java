package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.pipeline.TradingBook;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The steps of the bot's state machine that a start ({@link BotStart}) drives. */
interface BotLifecycle extends BotHost {

    BotState state();

    /** No strategy version or account: keep state, wait for it to come back. */
    default void suspend(String reason) {
        suspend(reason, BotEvent.Kind.SUSPENDED);
    }

    /** As {@link #suspend(String)}, the event being of {@code kind} (a breaker's opening). */
    void suspend(String reason, BotEvent.Kind kind);

    /** A fault the bot cannot continue through. */
    void fail(String reason);

    /** Reads and clears the flag of the start after a server start. */
    boolean takeRecovering();

    /**
     * A start has loaded the journal: a new run begins with this book and exactly the journal's
     * unfinished orders; the look-ups of the runs before are dropped.
     */
    void beginRun(TradingBook loaded, List<BotOrder> journaled);

    /** Joins the account's order stream and settles every unfinished order with the exchange. */
    CompletionStage<Void> reconcileOrders();

    /** Joins the market data feed and goes RUNNING or PAUSED as desired. */
    void goLive();
}
