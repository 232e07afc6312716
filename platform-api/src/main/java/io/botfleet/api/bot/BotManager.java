package io.botfleet.api.bot;

import io.botfleet.api.market.Candle;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The fleet: the one service that HTTP, the shell and tests drive. Thread-safe. Lifecycle calls
 * return once the bot has accepted the transition (a message in its mailbox), not when it has
 * finished; the returned status already shows the new state or its transitional state.
 *
 * <p>Errors: {@link BotNotFoundException} for an unknown id, {@link InvalidBotConfigException}
 * for invalid input (naming the field), {@link BotConflictException} for a request illegal in
 * the current state (with the reason). {@code actor} is who asked: a token name, {@code shell},
 * or {@code system}; it goes to the audit log and the deployment history.
 */
@ProviderType
public interface BotManager {

    /** Every bot, ordered by id. */
    List<BotStatus> list();

    BotStatus get(String id);

    /** The stored configuration of a bot. */
    BotConfig config(String id);

    /**
     * Creates a bot, validates that its strategy, parameters and account can be used, stores it,
     * and starts it when {@code autoStart} is set.
     *
     * @throws BotConflictException when the id exists
     */
    BotStatus create(BotConfig config, String actor);

    /** Changes parameters or risk limits; applied at the bot's next event. */
    BotStatus update(String id, BotPatch patch, String actor);

    /** Deletes a bot that is STOPPED or CREATED; its history is kept. */
    void delete(String id, String actor);

    BotStatus start(String id, String actor);

    BotStatus stop(String id, String actor);

    /**
     * Stops the bot; with {@code flatten}, first cancels its open orders and closes its position at
     * market (the closing order is sent before the bot stops; its fill is applied at once or, if it
     * comes after the stop, when the bot next starts).
     */
    BotStatus stop(String id, boolean flatten, String actor);

    /**
     * Cancels the bot's open orders and closes its position with a market order; the bot ends
     * PAUSED (desired state PAUSED). Returns once the orders are sent, not filled.
     *
     * @throws BotConflictException when the bot is not RUNNING or PAUSED
     */
    HaltOutcome flatten(String id, String actor);

    /**
     * Halts every bot in the halt's scope at once: entries are refused, open orders cancelled and,
     * with {@link Halt#flatten()}, positions closed at market; start and resume of a bot in scope
     * are refused ({@link BotConflictException} naming the halt) until it is lifted. The halt is
     * stored before any bot is touched, and replaces an active halt of the same scope.
     *
     * @return each bot's outcome, by id
     */
    List<HaltOutcome> halt(Halt halt);

    /**
     * Lifts the halt of exactly this scope (nulls: the whole fleet, or every account of the
     * exchange); the bots no other halt covers return to their desired state.
     *
     * @throws BotNotFoundException when no halt has this scope
     */
    List<HaltOutcome> lift(String exchange, String account, String actor);

    /** The active halts, oldest first. */
    List<Halt> halts();

    BotStatus pause(String id, String actor);

    BotStatus resume(String id, String actor);

    /**
     * Swaps the bot's strategy to {@code version} between two events, carrying its state over.
     * Returns once the swap is done.
     *
     * @param force also allow a version marked bad
     * @throws BotNotFoundException  when the bot or the version is unknown
     * @throws BotConflictException  when the swap is refused (restore failed, bad version...)
     */
    BotStatus swapStrategy(String id, String version, boolean force, String actor);

    /**
     * Moves the bot to another strategy ({@code to.id()} differs from the one it runs) between two
     * events. The new strategy cannot read the old one's snapshot: it starts from {@code to.params()}
     * (its defaults where absent), warmed up with the bot's recent candles, none of which is traded.
     * The position and open orders stay; the stored configuration follows. A bot that is not live
     * takes the new strategy at its next start. {@code to.version()} null: the newest installed
     * version not marked bad.
     *
     * @param force also allow a version marked bad
     * @throws BotNotFoundException        when the bot or the strategy version is unknown
     * @throws InvalidBotConfigException   when the strategy refuses the parameters (naming the one)
     * @throws BotConflictException        when the bot already runs that strategy, or the move is refused
     */
    BotStatus moveStrategy(String id, StrategySpec to, boolean force, String actor);

    /**
     * Returns to the previous strategy in the bot's deployment history: the previous version, or,
     * after a move, the previous strategy id, version and parameters, restoring that strategy's
     * last checkpoint (caught up with the candles since).
     */
    BotStatus rollbackStrategy(String id, String actor);

    /** The bot's deployment history, newest first. */
    List<Deployment> strategyHistory(String id);

    /** Orders, newest first; {@code limit} 1-1000. */
    List<BotOrder> orders(String id, boolean openOnly, int limit);

    /** Fills, newest first; {@code limit} 1-1000. */
    List<BotFill> fills(String id, int limit);

    /** Events, newest first; {@code limit} 1-1000. */
    List<BotEvent> events(String id, int limit);

    /** The most recent closed candles the bot processed, oldest first; {@code limit} 1-1000. */
    List<Candle> candles(String id, int limit);
}
