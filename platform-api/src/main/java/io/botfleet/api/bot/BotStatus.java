package io.botfleet.api.bot;

import io.botfleet.api.market.Interval;
import java.time.Instant;
import java.util.Objects;

/**
 * A bot as operators see it: the {@code BotStatus} shape of the HTTP API.
 *
 * @param id             bot id
 * @param state          current state
 * @param desiredState   what the operator asked for
 * @param strategyId     strategy id
 * @param strategyVersion the version it runs, or the configured one while not running; null when
 *                       none is bound yet and none was configured
 * @param exchange       its account
 * @param symbol         exchange symbol
 * @param interval       candle interval
 * @param position       current position
 * @param counters       lifetime counters
 * @param lastCandleTime open time of the last processed candle, or null
 * @param lastError      the most recent fault, or null
 * @param updatedAt      when any of this last changed
 * @param feed           whether its candles arrive, while it is RUNNING or PAUSED; null otherwise
 * @param unresolvedOrders orders whose placement outcome is unknown: the bot keeps looking them up
 *                       by client order id until the exchange says what became of them
 * @param openOrders     orders not finished yet: journaled and being sent, open on the exchange,
 *                       or unresolved; a market order counts here from the candle that asked for
 *                       it until its fill, while {@code counters.orders} moves only once the
 *                       exchange acknowledged it
 * @param dailyPnl       realized PnL of the UTC day of its last candle and whether its daily loss
 *                       limit is reached; null before its first candle
 * @param node           cluster mode: the node that runs the bot (on that node); null outside
 *                       cluster mode and on a node that does not run it
 */
public record BotStatus(String id, BotState state, DesiredState desiredState, String strategyId,
                        String strategyVersion, ExchangeRef exchange, String symbol, Interval interval,
                        Position position, BotCounters counters, Instant lastCandleTime,
                        String lastError, Instant updatedAt, FeedHealth feed, int unresolvedOrders,
                        int openOrders, DailyPnl dailyPnl, String node) {

    public BotStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(desiredState, "desiredState");
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (unresolvedOrders < 0) {
            throw new IllegalArgumentException("unresolvedOrders must be >= 0");
        }
        if (openOrders < unresolvedOrders) {
            throw new IllegalArgumentException("openOrders must be >= unresolvedOrders (an unresolved order is open)");
        }
    }

    /** A status without the day's PnL, outside cluster mode (no node); its only open orders are the unresolved ones. */
    public BotStatus(String id, BotState state, DesiredState desiredState, String strategyId,
                     String strategyVersion, ExchangeRef exchange, String symbol, Interval interval,
                     Position position, BotCounters counters, Instant lastCandleTime,
                     String lastError, Instant updatedAt, FeedHealth feed, int unresolvedOrders) {
        this(id, state, desiredState, strategyId, strategyVersion, exchange, symbol, interval, position,
                counters, lastCandleTime, lastError, updatedAt, feed, unresolvedOrders, unresolvedOrders, null, null);
    }

    /** The same status, run by {@code runningNode} (cluster mode). */
    public BotStatus withNode(String runningNode) {
        return new BotStatus(id, state, desiredState, strategyId, strategyVersion, exchange, symbol, interval,
                position, counters, lastCandleTime, lastError, updatedAt, feed, unresolvedOrders, openOrders, dailyPnl,
                runningNode);
    }

    /** A status without feed health (a bot that is not live) and without unresolved orders. */
    public BotStatus(String id, BotState state, DesiredState desiredState, String strategyId,
                     String strategyVersion, ExchangeRef exchange, String symbol, Interval interval,
                     Position position, BotCounters counters, Instant lastCandleTime,
                     String lastError, Instant updatedAt) {
        this(id, state, desiredState, strategyId, strategyVersion, exchange, symbol, interval, position,
                counters, lastCandleTime, lastError, updatedAt, null, 0, 0, null, null);
    }
}
