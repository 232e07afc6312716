package io.botfleet.api.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, the one policy every retry, reconnect and restart of the
 * platform waits by: the n-th delay is {@code firstMillis} doubled n-1 times, drawn uniformly
 * between {@code low} and {@code high} times that, so callers that failed together (a network
 * blip, a database restart) do not all come back in the same instant; {@code maxMillis} caps the
 * doubling before the jitter, or, with {@code hardCap}, the delay itself after it (no delay is
 * ever longer, as in Resilience4j's randomized exponential backoff). Immutable; one instance
 * serves any number of callers and threads.
 *
 * @param firstMillis the first delay before jitter, &gt; 0
 * @param maxMillis   the cap, &ge; {@code firstMillis}
 * @param low         the smallest factor of the jitter, &ge; 0
 * @param high        the largest factor of the jitter, &ge; {@code low}
 * @param hardCap     false: the jitter spreads the capped doubling (a delay may exceed
 *                    {@code maxMillis} by the jitter); true: the jittered doubling is capped
 */
public record Backoff(long firstMillis, long maxMillis, double low, double high, boolean hardCap) {

    public Backoff {
        if (firstMillis <= 0 || maxMillis < firstMillis) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, was first " + firstMillis
                    + " ms, max " + maxMillis + " ms");
        }
        if (!(low >= 0) || !(high >= low)) {
            throw new IllegalArgumentException("backoff jitter needs 0 <= low <= high, was " + low + ".." + high);
        }
    }

    /** Jitter over {@code [low, high]} times the capped doubling. */
    public Backoff(long firstMillis, long maxMillis, double low, double high) {
        this(firstMillis, maxMillis, low, high, false);
    }

    /** Delays spread by {@code ±spread} around the capped doubling (0.5: half to one and a half times it). */
    public static Backoff spread(long firstMillis, long maxMillis, double spread) {
        return new Backoff(firstMillis, maxMillis, 1 - spread, 1 + spread, false);
    }

    /** Delays spread by {@code ±spread} around the doubling, never longer than {@code maxMillis}. */
    public static Backoff spreadUnder(long firstMillis, long maxMillis, double spread) {
        return new Backoff(firstMillis, maxMillis, 1 - spread, 1 + spread, true);
    }

    /** The capped doubling of attempt {@code attempt} (1 for the first), before jitter. */
    public long ceilingMillis(int attempt) {
        return Math.min(maxMillis, doubling(attempt));
    }

    /** {@code firstMillis} doubled {@code attempt - 1} times, saturating at {@link Long#MAX_VALUE}. */
    private long doubling(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 62));
        long exponential = firstMillis << doublings;
        return exponential <= 0 || (exponential >> doublings) != firstMillis ? Long.MAX_VALUE : exponential;
    }

    /** The delay before attempt {@code attempt} (1 for the first), jittered; at least 1 ms. */
    public long delayMillis(int attempt) {
        return delayMillis(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The delay before attempt {@code attempt} at the point {@code unit} (0 to 1) of the jitter
     * range: 0 gives the shortest, 1 the longest. For callers with their own randomness, and tests.
     */
    public long delayMillis(int attempt, double unit) {
        double factor = low + (high - low) * Math.min(1, Math.max(0, unit));
        if (hardCap) {
            return Math.max(1, Math.min(maxMillis, Math.round(doubling(attempt) * factor)));
        }
        return Math.max(1, Math.round(ceilingMillis(attempt) * factor));
    }
}
