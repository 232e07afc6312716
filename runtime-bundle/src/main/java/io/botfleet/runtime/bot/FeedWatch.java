package io.botfleet.runtime.bot;

import io.botfleet.api.bot.FeedHealth;
import io.botfleet.api.market.Interval;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a live bot's candles arrive. Arrivals are noted on whatever thread delivers them (one
 * volatile write); the fleet's timer asks {@link #overdue} of every bot and only then posts a
 * message, in which the bot turns STALE ({@link #markStale}); its next candle turns it LIVE again
 * ({@link #markLive}, mailbox). Nothing here waits or blocks.
 */
final class FeedWatch {

    private volatile Instant lastArrival;
    private volatile FeedHealth health;
    /** The last candle before the current STALE spell (mailbox). */
    private Instant silentFrom;

    /** How long a feed may stay silent: {@code intervals} of the bot's candle interval. */
    static Duration limit(Interval interval, double intervals) {
        return Duration.ofMillis(Math.max(1, Math.round(interval.duration().toMillis() * intervals)));
    }

    /** The bot went live: the silence is counted from now. */
    void live(Instant now) {
        lastArrival = now;
        health = new FeedHealth(FeedHealth.State.LIVE, now);
    }

    /** The bot left its feed: nothing to watch. */
    void off() {
        health = null;
    }

    /** A candle was delivered (any thread). */
    void arrived(Instant now) {
        lastArrival = now;
    }

    /** True while LIVE with no candle for longer than {@code limit} (any thread). */
    boolean overdue(Instant now, Duration limit) {
        FeedHealth h = health;
        Instant last = lastArrival;
        return h != null && !h.stale() && last != null && Duration.between(last, now).compareTo(limit) > 0;
    }

    /** Turns STALE if still overdue (mailbox); false when a candle came meanwhile or it already is. */
    boolean markStale(Instant now, Duration limit) {
        if (!overdue(now, limit)) {
            return false;
        }
        silentFrom = lastArrival;
        health = new FeedHealth(FeedHealth.State.STALE, now);
        return true;
    }

    /**
     * A candle reached a STALE bot (mailbox): LIVE again.
     *
     * @return how long the bot had been without candles, or null if it was not STALE
     */
    Duration markLive(Instant now) {
        FeedHealth h = health;
        if (h == null || !h.stale()) {
            return null;
        }
        health = new FeedHealth(FeedHealth.State.LIVE, now);
        return Duration.between(silentFrom, now);
    }

    /** The last candle delivered, or the moment the bot went live. */
    Instant lastArrival() {
        return lastArrival;
    }

    /** LIVE or STALE while the bot is live, else null. */
    FeedHealth health() {
        return health;
    }
}
