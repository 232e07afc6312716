package io.botfleet.api.pipeline;

import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.DailyPnl;
import io.botfleet.api.bot.Position;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.api.store.BotProgress;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a bot has done so far, in memory: its counters, position, next order sequence and daily
 * loss tally; the twin of its persisted {@link BotProgress}. Not thread-safe: one bot (its
 * mailbox, or a backtest run) owns it and is the only one to touch it.
 */
public final class TradingBook {

    private final String botId;
    private Instant lastCandleTime;
    private long candles;
    private long signals;
    private long orders;
    private long fills;
    private long rejected;
    private long errors;
    private Position position;
    private long nextOrderSeq;
    private final DailyLoss dailyLoss;
    /** Close of the last candle seen (not persisted): the mark price for unrealized PnL. */
    private BigDecimal lastClose;
    /** The interval of the last candle and its length in milliseconds. */
    private Interval interval;
    private long intervalMillis;
    /** The position the last candle marked, and the close it was marked at. */
    private Position marked;
    private BigDecimal markedAt;
    private boolean markEachCandle = true;

    public TradingBook(BotProgress progress) {
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

    public BotCounters counters() {
        return new BotCounters(candles, signals, orders, fills, rejected, errors);
    }

    /** What to persist: the counters, position, next sequence and risk state as of now. */
    public BotProgress progress() {
        return new BotProgress(botId, lastCandleTime, counters(), position, nextOrderSeq, dailyLoss.toState());
    }

    /** True when the candle at {@code openTime} was already processed. */
    public boolean hasProcessed(Instant openTime) {
        return lastCandleTime != null && !openTime.isAfter(lastCandleTime);
    }

    /** The open time of the last candle processed, or null when none was. */
    public Instant lastCandleTime() {
        return lastCandleTime;
    }

    /** The close of the last candle processed since this book was made, or null. */
    public BigDecimal lastClose() {
        return lastClose;
    }

    public Position position() {
        return position;
    }

    public long candles() {
        return candles;
    }

    public long orders() {
        return orders;
    }

    public long fills() {
        return fills;
    }

    public long errors() {
        return errors;
    }

    /** An order became known to the exchange (acknowledged, rejected or filled). */
    public void countOrder() {
        orders++;
    }

    /** The exchange refused an order. */
    public void countRejected() {
        rejected++;
    }

    /** A fault: a strategy call that threw, or the bot failing. */
    public void countError() {
        errors++;
    }

    /** Applies an execution: one fill more and the position it leaves. */
    public void fill(Position after) {
        fills++;
        position = after;
    }

    /**
     * Takes back a fill whose write never became durable: the position and order count as they
     * were before it, one fill less.
     */
    /**
     * Stops marking the position at every candle's close: its unrealized PnL is then the one of its
     * last fill. For a backtest, which reads only the position's quantity, average price and
     * realized PnL (the same either way) and would otherwise make a new position per candle held.
     */
    public TradingBook markOnlyAtFills() {
        markEachCandle = false;
        return this;
    }

    public void undoFill(Position before, long ordersBefore) {
        fills--;
        position = before;
        orders = ordersBefore;
    }

    // ------------------------------------------------------------ the pipeline's own steps

    /** One candle taken: counted, its signals counted, its close the new mark, the day rolled. */
    void candle(Candle candle, int signalCount) {
        signals += signalCount;
        candles++;
        lastCandleTime = candle.openTime();
        BigDecimal close = candle.close();
        lastClose = close;
        // the same position marked at the same close (value and scale) is the same position:
        // a backtest holding through a flat stretch makes no new one per candle
        if (markEachCandle && (position != marked || !close.equals(markedAt))) {
            position = PositionLedger.mark(position, close);
            marked = position;
            markedAt = close;
        }
        // the close time in milliseconds, without an Instant per candle
        if (candle.interval() != interval) {
            interval = candle.interval();
            intervalMillis = interval.duration().toMillis();
        }
        dailyLoss.onCandle(candle.openTime().toEpochMilli() + intervalMillis, position.realizedPnl());
    }

    /**
     * The realized PnL of the UTC day of the last candle and whether {@code maxDailyLoss} (null:
     * none) is reached, as the risk gate judges it; null before any candle.
     */
    public DailyPnl dailyPnl(BigDecimal maxDailyLoss) {
        return dailyLoss.dailyPnl(maxDailyLoss, position.realizedPnl());
    }

    /** Why no entry may be placed for the daily loss limit now, or null. */
    String dailyLossBlock(BigDecimal maxDailyLoss) {
        return dailyLoss.block(maxDailyLoss, position.realizedPnl());
    }

    /**
     * The sequence number of the next order, taken: by the pipeline for a candle's orders, and by
     * the runtime for an order outside a candle (a halt's or a flatten's closing order).
     */
    public long takeOrderSeq() {
        return nextOrderSeq++;
    }
}
