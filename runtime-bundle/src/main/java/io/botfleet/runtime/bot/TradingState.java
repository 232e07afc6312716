package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.Position;
import io.botfleet.api.store.BotProgress;
import io.botfleet.runtime.risk.DailyLoss;
import java.time.Instant;

/**
 * What a bot has done so far: the in-memory twin of its persisted {@link BotProgress}. Touched
 * only from the bot's mailbox.
 */
final class TradingState {

    final String botId;
    Instant lastCandleTime;
    long candles;
    long signals;
    long orders;
    long fills;
    long rejected;
    long errors;
    Position position;
    long nextOrderSeq;
    DailyLoss dailyLoss;
    /** Close of the last candle seen (not persisted): the mark price for unrealized PnL. */
    java.math.BigDecimal lastClose;

    TradingState(BotProgress progress) {
        botId = progress.botId();
        lastCandleTime = progress.lastCandleTime();
        BotCounters c = progress.counters();
        candles = c.candles();
        signals = c.signals();
        orders = c.orders();
        fills = c.fills();
        rejected = c.rejected();
        errors = c.errors();
        position = progress.position();
        nextOrderSeq = progress.nextOrderSeq();
        dailyLoss = DailyLoss.from(progress.riskState());
    }

    BotCounters counters() {
        return new BotCounters(candles, signals, orders, fills, rejected, errors);
    }

    BotProgress progress() {
        return new BotProgress(botId, lastCandleTime, counters(), position, nextOrderSeq, dailyLoss.toState());
    }

    /** True when the candle at {@code openTime} was already processed. */
    boolean hasProcessed(Instant openTime) {
        return lastCandleTime != null && !openTime.isAfter(lastCandleTime);
    }
}
