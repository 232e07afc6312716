package io.botfleet.runtime.recovery;

import java.util.concurrent.ThreadLocalRandom;

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
        long exponential = baseMillis << Math.min(attempt - 1, 30);
        long capped = Math.min(maxMillis, exponential < 0 ? maxMillis : exponential);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, Math.round(capped * jitter));
    }
}
