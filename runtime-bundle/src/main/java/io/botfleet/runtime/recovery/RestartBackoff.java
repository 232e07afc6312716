package io.botfleet.runtime.recovery;

import io.botfleet.api.retry.Backoff;

/**
 * Exponential backoff with jitter for restarting failed bots: base, 2×base, 4×base... capped,
 * each delay spread by ±20 % so bots that failed together (a database blip) do not all come back
 * in the same instant.
 *
 * @param baseMillis  first delay
 * @param maxMillis   cap
 * @param maxAttempts restarts before giving up
 */
public record RestartBackoff(long baseMillis, long maxMillis, int maxAttempts) {

    public static final RestartBackoff DEFAULTS = new RestartBackoff(1_000, 60_000, 5);

    /** The delay before restart number {@code attempt} (1-based). */
    public long delayMillis(int attempt) {
        return policy().delayMillis(attempt);
    }

    /** The shared policy with this record's figures, spread by ±20 %. */
    public Backoff policy() {
        long first = Math.max(1, baseMillis);
        return Backoff.spread(first, Math.max(first, maxMillis), 0.2);
    }
}
