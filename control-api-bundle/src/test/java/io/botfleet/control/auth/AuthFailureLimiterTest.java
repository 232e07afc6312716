package io.botfleet.control.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class AuthFailureLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AuthFailureLimiter limiter =
            new AuthFailureLimiter(3, TimeUnit.SECONDS.toNanos(60), now::get);

    @Test
    public void blocksAfterTheLimitUntilTheOldestFailureLeavesTheWindow() {
        limiter.recordFailure("10.0.0.1");
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        limiter.recordFailure("10.0.0.1");
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"));
        limiter.recordFailure("10.0.0.1");
        assertEquals(50, limiter.retryAfterSeconds("10.0.0.1"));
        assertEquals("other clients are not affected", 0, limiter.retryAfterSeconds("10.0.0.2"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(50));
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"));
        limiter.recordFailure("10.0.0.1");
        assertTrue(limiter.retryAfterSeconds("10.0.0.1") > 0);
    }

    @Test
    public void retryAfterIsAtLeastOneSecond() {
        for (int i = 0; i < 3; i++) {
            limiter.recordFailure("c");
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(60) - 1000);
        assertEquals(1, limiter.retryAfterSeconds("c"));
    }

    @Test
    public void memoryIsBoundedByEvictingTheLongestQuietClient() {
        for (int i = 0; i < 3 * AuthFailureLimiter.DEFAULT_MAX_CLIENTS; i++) {
            limiter.recordFailure("198.51." + (i >> 8) + "." + (i & 0xff)); // all within the window
        }
        assertEquals(AuthFailureLimiter.DEFAULT_MAX_CLIENTS, limiter.trackedClients());

        AuthFailureLimiter small = new AuthFailureLimiter(3, TimeUnit.SECONDS.toNanos(60), now::get, 3);
        small.recordFailure("quiet");
        small.recordFailure("other");
        for (int i = 0; i < 3; i++) {
            small.recordFailure("guesser");
        }
        small.recordFailure("newcomer"); // makes room by forgetting "quiet", not the guesser
        assertEquals(3, small.trackedClients());
        assertTrue(small.retryAfterSeconds("guesser") > 0);
        small.recordFailure("quiet");
        small.recordFailure("quiet");
        assertEquals("quiet starts over: its first failure was forgotten", 0, small.retryAfterSeconds("quiet"));
    }
}
