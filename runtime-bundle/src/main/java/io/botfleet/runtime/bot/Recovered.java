package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import java.util.List;
import java.time.Instant;
import java.util.Set;

/**
 * What a bot reloads when it starts, read off the bot's thread: committed progress, the last
 * strategy checkpoint (or null), the orders not yet finished, and the versions of its strategy
 * marked bad (which a start without a pinned version must not pick).
 */
record Recovered(BotProgress progress, StrategyCheckpoint checkpoint, List<BotOrder> openOrders,
                 Set<String> badVersions) {

    /** For the recovery event: where the bot resumes from and what it must settle first. */
    String describe() {
        String from = progress.lastCandleTime() == null ? "no candle committed yet"
                : "last committed candle " + progress.lastCandleTime();
        String strategy = checkpoint == null ? "no strategy checkpoint"
                : "strategy checkpoint of " + checkpoint.strategyVersion() + " at " + checkpoint.lastCandleTime();
        long unfinished = openOrders.stream().filter(o -> !o.status().isTerminal()).count();
        return "recovering: " + from + "; " + strategy + "; " + unfinished + " unfinished order(s) to settle";
    }

    /**
     * The checkpoint to restore the strategy from, or null when there is none or it is ahead of
     * the committed progress. A checkpoint is queued behind the candle commits before it, but when
     * the database comes back between two batches those commits can fail while it succeeds:
     * restoring it would feed the strategy the uncommitted candles a second time when the bot
     * processes them again. Without it the strategy warms up from the candle history instead.
     */
    StrategyCheckpoint restorableCheckpoint() {
        if (checkpoint == null || checkpoint.lastCandleTime() == null) {
            return checkpoint;
        }
        Instant committed = progress.lastCandleTime();
        return committed != null && !checkpoint.lastCandleTime().isAfter(committed) ? checkpoint : null;
    }
}
