package io.botfleet.api.strategy;

import io.botfleet.api.market.Candle;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A trading strategy: one instance per bot, registered as a prototype-scope service with the
 * properties in {@link StrategyProperties}.
 *
 * <p><b>Threading.</b> The runtime calls an instance from one bot's mailbox, one call at a time,
 * never concurrently, though not always from the same thread: an instance needs no locking but
 * must not rely on thread-locals. Calls must not block on I/O and should return within
 * milliseconds; a call that overruns the bot's time limit marks the bot FAILED.
 *
 * <p><b>Lifecycle.</b> {@link #configure} once, then either {@link #restore} (after a swap or a
 * restart) or nothing (a fresh start), then any number of {@link #onCandle} and {@link #onFill}
 * calls, with {@link #snapshot} at checkpoints. An exception from any call counts as a strategy
 * fault against this version.
 */
@ConsumerType
public interface Strategy {

    /**
     * Applies the bot's parameters. Called once, before any other call.
     *
     * @param params plain JSON-like values (numbers, strings, booleans, lists, maps); never null
     * @throws StrategyParameterException naming the parameter when a value is missing or invalid
     */
    void configure(Map<String, Object> params);

    /** How many closed candles the strategy needs before its first signal can be meaningful. */
    int warmupCandles();

    /**
     * Handles one closed candle. Candles arrive in open-time order, each exactly once, without
     * invented candles for gaps in the data.
     */
    void onCandle(Candle candle, StrategyContext context);

    /** Told about each fill of this bot's orders after the position has been updated. */
    default void onFill(FillEvent fill, StrategyContext context) {
    }

    /**
     * The instance's state as plain data: maps with string keys, lists, strings, numbers
     * ({@code Long}, {@code BigDecimal}, {@code Double}), booleans, nulls. Never an object of the
     * strategy's own classes, so that the old bundle's class loader can be collected after a swap.
     */
    Map<String, Object> snapshot();

    /**
     * Restores state captured by {@link #snapshot()}, possibly by another version of this
     * strategy. Throwing refuses the swap and the bot keeps its old version.
     *
     * @param snapshot    plain data as described for {@link #snapshot()}; numbers may come back as
     *                    any {@link Number} type after a round trip through the database
     * @param fromVersion the version that took the snapshot
     */
    void restore(Map<String, Object> snapshot, String fromVersion);
}
