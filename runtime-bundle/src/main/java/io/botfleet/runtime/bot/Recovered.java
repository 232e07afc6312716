package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import java.util.List;

/**
 * What a bot reloads from its journal when it starts: committed progress, the last strategy
 * checkpoint (or null), and the orders not yet finished.
 */
record Recovered(BotProgress progress, StrategyCheckpoint checkpoint, List<BotOrder> openOrders) {
}
