package io.botfleet.api.store;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The write-ahead journal of the bots: their progress, orders, fills, checkpoints and events.
 *
 * <p>Writes are asynchronous so that a bot never blocks on I/O: each returns a stage that
 * completes once the write is durable (it survives a process kill; see the README for the exact
 * guarantee), or fails with {@link StoreException}, normally having written nothing: only a
 * connection lost after the COMMIT was sent can fail a write that was committed, so a caller must
 * treat a failed write as unknown and reload what was committed before going on (bots suspend and
 * restart from the journal). Writes of one bot are applied in the order they were submitted;
 * writes of many bots may share one commit (group commit). Reads are synchronous, for recovery and the API, never for a bot's hot path.
 *
 * <p>Stages may complete on the journal's own completion thread, shared by every bot: never block
 * in a continuation (for example by joining another journal stage); hop to your own executor with
 * the {@code ...Async(..., executor)} variants. Numbers in stored maps (snapshots, risk state) come
 * back as {@code Integer}/{@code Long} when whole and {@code BigDecimal} otherwise; times are kept
 * to the microsecond.
 */
@ProviderType
public interface BotJournal {

    /**
     * Commits a processed candle: the new progress and the order intents (status PENDING_SEND)
     * it produced, atomically. The intents are durable before any of them is sent.
     */
    CompletionStage<Void> commitCandle(BotProgress progress, List<BotOrder> intents);

    /**
     * Records an order's new state (ack, reject, cancel...), with the progress it changes (the
     * {@code orders} or {@code rejected} counter) or null, atomically.
     */
    CompletionStage<Void> updateOrder(BotOrder order, BotProgress progress);

    /**
     * Applies a fill: stores it, the order's new state and the progress (position, counters)
     * atomically, unless a fill with this {@code execId} is already stored for this bot,
     * in which case nothing is written.
     *
     * @return a stage with true when applied, false when the fill was a duplicate
     */
    CompletionStage<Boolean> applyFill(BotFill fill, BotOrder order, BotProgress progress);

    /** Stores a strategy checkpoint, replacing the bot's previous one (and its previous one of that strategy). */
    CompletionStage<Void> checkpoint(StrategyCheckpoint checkpoint);

    /** Appends to the bot's event log. */
    CompletionStage<Void> appendEvent(BotEvent event);

    Optional<BotProgress> progress(String botId);

    Optional<StrategyCheckpoint> lastCheckpoint(String botId);

    /**
     * The last checkpoint the bot took while running {@code strategyId}: a strategy the bot moved
     * away from keeps its own, for a rollback to it.
     */
    Optional<StrategyCheckpoint> lastCheckpoint(String botId, String strategyId);

    /** Orders of a bot, newest first; only the non-terminal ones when {@code openOnly}. */
    List<BotOrder> orders(String botId, boolean openOnly, int limit);

    /**
     * Every unfinished order of a bot (PENDING_SEND, NEW, PARTIALLY_FILLED), oldest first, with no
     * limit: what a bot must settle with the exchange when it starts.
     */
    List<BotOrder> unfinishedOrders(String botId);

    Optional<BotOrder> order(String clientOrderId);

    /** Fills of a bot, newest first. */
    List<BotFill> fills(String botId, int limit);

    /** Events of a bot, newest first. */
    List<BotEvent> events(String botId, int limit);
}
