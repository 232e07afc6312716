package io.botfleet.runtime.bot;

import java.time.Instant;

/**
 * Where the look-ups of one unresolved order stand. One empty look-up proves nothing (exchanges
 * list new orders with a delay), so an order may be declared never sent only once its grace
 * period is over and two look-ups found nothing, the deciding one made after the grace period.
 * Mailbox-only.
 */
final class OrderResolution {

    private final Instant graceEnds;
    private int lookups;
    private int emptyLookups;

    /** @param graceEnds when the order's grace period ends: its send plus the grace */
    OrderResolution(Instant graceEnds) {
        this.graceEnds = graceEnds;
    }

    /** Counts a look-up about to be scheduled; returns its number (from 1). */
    int nextLookup() {
        return ++lookups;
    }

    int lookups() {
        return lookups;
    }

    /** A look-up answered that the exchange does not have the order. */
    void foundNothing() {
        emptyLookups++;
    }

    /**
     * True when the order may be declared never sent, after an empty look-up sent at
     * {@code lookupSentAt}, with no send of it still in progress.
     */
    boolean provesNeverSent(Instant lookupSentAt, boolean stillSending) {
        return !stillSending && emptyLookups >= 2 && !lookupSentAt.isBefore(graceEnds);
    }

    /** The delay before the next look-up: the backoff's, but never past the end of the grace period. */
    long nextDelayMillis(long backoffMillis, Instant now) {
        long toGraceEnd = graceEnds.toEpochMilli() - now.toEpochMilli();
        // a few ms past the end, so that a timer firing early still counts as after it
        return toGraceEnd > 0 ? Math.min(backoffMillis, toGraceEnd + 5) : backoffMillis;
    }
}
