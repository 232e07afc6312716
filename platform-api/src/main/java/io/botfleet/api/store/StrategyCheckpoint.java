package io.botfleet.api.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy's state at a candle: written periodically, at every swap and at stop. After a
 * crash the runtime restores it and replays the candles after {@code lastCandleTime} up to the
 * bot's committed progress with orders suppressed.
 *
 * @param botId           the bot
 * @param strategyId      strategy id
 * @param strategyVersion the version that took the snapshot
 * @param lastCandleTime  the last candle the snapshot includes, or null
 * @param snapshot        the strategy's plain-data snapshot
 * @param takenAt         when
 */
public record StrategyCheckpoint(String botId, String strategyId, String strategyVersion,
                                 Instant lastCandleTime, Map<String, Object> snapshot, Instant takenAt) {

    public StrategyCheckpoint {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(strategyVersion, "strategyVersion");
        snapshot = snapshot == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(snapshot));
        Objects.requireNonNull(takenAt, "takenAt");
    }
}
