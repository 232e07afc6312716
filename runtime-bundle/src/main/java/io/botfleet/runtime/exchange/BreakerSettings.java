package io.botfleet.runtime.exchange;

/**
 * The breaker settings, checked: a bad configuration value falls back to the default, so a typo
 * in a file never leaves an account without a breaker.
 *
 * @param failureRateThreshold          % of recorded calls failing that opens the breaker
 * @param slidingWindowSize             calls the rate is computed over
 * @param minimumNumberOfCalls          calls recorded before the rate counts
 * @param waitInOpenStateMillis         first wait before probing
 * @param maxWaitInOpenStateMillis      cap of the growing wait
 * @param permittedCallsInHalfOpenState probe calls that decide between CLOSED and OPEN
 */
public record BreakerSettings(int failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                              long waitInOpenStateMillis, long maxWaitInOpenStateMillis,
                              int permittedCallsInHalfOpenState) {

    public static final BreakerSettings DEFAULTS = new BreakerSettings(50, 20, 10, 10_000, 120_000, 3);

    public BreakerSettings {
        failureRateThreshold = failureRateThreshold >= 1 && failureRateThreshold <= 100 ? failureRateThreshold : 50;
        slidingWindowSize = slidingWindowSize >= 1 ? slidingWindowSize : 20;
        minimumNumberOfCalls = minimumNumberOfCalls >= 1 ? Math.min(minimumNumberOfCalls, slidingWindowSize) : 10;
        waitInOpenStateMillis = waitInOpenStateMillis >= 1 ? waitInOpenStateMillis : 10_000;
        maxWaitInOpenStateMillis = Math.max(waitInOpenStateMillis, maxWaitInOpenStateMillis);
        permittedCallsInHalfOpenState = permittedCallsInHalfOpenState >= 1 ? permittedCallsInHalfOpenState : 3;
    }

    static BreakerSettings of(BreakerConfig c) {
        return new BreakerSettings(c.failureRateThreshold(), c.slidingWindowSize(), c.minimumNumberOfCalls(),
                c.waitInOpenStateMillis(), c.maxWaitInOpenStateMillis(), c.permittedCallsInHalfOpenState());
    }
}
