package io.botfleet.api.bot;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a live bot's candles are arriving.
 *
 * @param state {@link State#LIVE}, or {@link State#STALE} when no candle came for the stale limit
 *              (3 of its intervals by default)
 * @param since when the feed became what {@code state} says: going live, the candle that ended a
 *              stale spell, or the last candle before the silence
 */
public record FeedHealth(State state, Instant since) {

    /** The feed's condition. */
    public enum State {
        /** Candles arrive. */
        LIVE,
        /** No candle for the stale limit: feed down, stream never connected, wrong URL. */
        STALE
    }

    public FeedHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    public boolean stale() {
        return state == State.STALE;
    }
}
