package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import java.util.List;

/**
 * What a bot reloads when it starts, read off the bot's thread: committed progress, the last
 * strategy checkpoint (or null), the orders not yet finished, and the versions of its strategy
 * marked bad (which a start without a pinned version must not pick).
 */
record Recovered(BotProgress progress, StrategyCheckpoint checkpoint, List<BotOrder> openOrders,
                 java.util.Set<String> badVersions) {
}
