package io.botfleet.api.store;

import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.Position;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The small, frequently written part of a bot's runtime state: committed with every candle and
 * every fill, together with the effects it counts.
 *
 * @param botId          the bot
 * @param lastCandleTime open time of the last processed candle, or null before the first
 * @param counters       lifetime counters
 * @param position       position after everything committed
 * @param nextOrderSeq   the sequence number the next client order id will use (starts at 1)
 * @param riskState      the risk gate's own plain-data state (the UTC day and its realized PnL)
 */
public record BotProgress(String botId, Instant lastCandleTime, BotCounters counters,
                          Position position, long nextOrderSeq, Map<String, Object> riskState) {

    public BotProgress {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(position, "position");
        if (nextOrderSeq < 1) {
            throw new IllegalArgumentException("nextOrderSeq must be >= 1");
        }
        riskState = riskState == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(riskState));
    }

    /** The state of a bot that has done nothing yet. */
    public static BotProgress initial(String botId) {
        return new BotProgress(botId, null, BotCounters.ZERO,
                Position.FLAT, 1, Map.of());
    }
}
