package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.DailyPnl;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.FeedHealth;
import io.botfleet.api.bot.Position;
import io.botfleet.api.pipeline.TradingBook;
import java.time.Clock;
import java.time.Instant;

/**
 * What a bot shows to readers on other threads (HTTP, the shell, metrics): the figures its
 * mailbox last published, its last error and when it last changed. Written by the bot, read by
 * anyone; every field is replaced whole.
 */
final class StatusBoard {

    /** What the mailbox last published. */
    private record Published(BotCounters counters, Position position, Instant lastCandleTime, int unresolvedOrders,
                             int openOrders, DailyPnl dailyPnl) {
    }

    private final Clock clock;
    private volatile Published published = new Published(BotCounters.ZERO, Position.FLAT, null, 0, 0, null);
    private volatile String lastError;
    private volatile Instant updatedAt;

    StatusBoard(Clock clock) {
        this.clock = clock;
        this.updatedAt = clock.instant();
    }

    /** Makes the session's latest figures visible (mailbox only); the bot changed now. */
    void publish(BotSession session) {
        TradingBook t = session.book();
        if (t != null) {
            published = new Published(t.counters(), t.position(), t.lastCandleTime(),
                    session.orders().unresolvedCount(), session.orders().unfinishedCount(), t.dailyPnl(session.config().risk().maxDailyLoss()));
        }
        touch();
    }

    /** The bot changed now. */
    void touch() {
        updatedAt = clock.instant();
    }

    String lastError() {
        return lastError;
    }

    /** What the status shows as the last error (null: none). */
    void lastError(String error) {
        lastError = error;
    }

    /** The position as last published. */
    Position position() {
        return published.position();
    }

    /** The open time of the last candle published, or null. */
    Instant lastCandleTime() {
        return published.lastCandleTime();
    }

    BotStatus status(BotSession session, BotState state, DesiredState desired, FeedHealth feed) {
        Published p = published;
        BotConfig c = session.config();
        String runningVersion = session.runningVersion();
        return new BotStatus(session.id(), state, desired, c.strategy().id(),
                runningVersion != null ? runningVersion : c.strategy().version(), c.exchange(), c.symbol(),
                c.interval(), p.position(), p.counters(), p.lastCandleTime(), lastError, updatedAt,
                feed, p.unresolvedOrders(), p.openOrders(), p.dailyPnl(), null);
    }
}
