package io.botfleet.api.retry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class BackoffTest {

    @Test
    public void doublesFromTheFirstDelayUpToTheCap() {
        Backoff b = new Backoff(250, 10_000, 1, 1);
        assertEquals(250, b.delayMillis(1));
        assertEquals(500, b.delayMillis(2));
        assertEquals(8_000, b.delayMillis(6));
        assertEquals(10_000, b.delayMillis(7));
        assertEquals("no overflow however many attempts", 10_000, b.delayMillis(Integer.MAX_VALUE));
        assertEquals("attempt 0 or less is the first", 250, b.delayMillis(0));
    }

    @Test
    public void theJitterSpansExactlyItsRange() {
        Backoff b = Backoff.spread(1_000, 60_000, 0.5);
        assertEquals(2_000, b.ceilingMillis(2));
        assertEquals(1_000, b.delayMillis(2, 0));
        assertEquals(3_000, b.delayMillis(2, 1));
        assertEquals(2_000, b.delayMillis(2, 0.5));
        for (int i = 0; i < 1_000; i++) {
            long d = b.delayMillis(3);
            assertTrue(d + " in [2000, 6000]", d >= 2_000 && d <= 6_000);
        }
        Backoff upperHalf = new Backoff(100, 400, 0.5, 1.0);
        assertEquals(200, upperHalf.delayMillis(5, 0));
        assertEquals(400, upperHalf.delayMillis(5, 1));
    }

    @Test
    public void aHardCapBoundsTheJitteredDelayItself() {
        Backoff b = Backoff.spreadUnder(250, 10_000, 0.5);
        assertEquals(375, b.delayMillis(1, 1));
        assertEquals("64 x 250 ms, halved: under the cap", 8_000, b.delayMillis(7, 0));
        assertEquals("the same, stretched: at the cap", 10_000, b.delayMillis(7, 1));
        for (int i = 0; i < 1_000; i++) {
            assertTrue(b.delayMillis(40) <= 10_000);
        }
        assertEquals("a soft cap lets the jitter pass it", 15_000, Backoff.spread(250, 10_000, 0.5).delayMillis(7, 1));
    }

    @Test
    public void refusesWhatCannotBeAPolicy() {
        assertRefused(() -> new Backoff(0, 10, 1, 1));
        assertRefused(() -> new Backoff(10, 5, 1, 1));
        assertRefused(() -> new Backoff(10, 50, 1.2, 0.8));
        assertRefused(() -> new Backoff(10, 50, -0.1, 1));
    }

    private static void assertRefused(Runnable make) {
        try {
            make.run();
            fail("accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("backoff"));
        }
    }
}
