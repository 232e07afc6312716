package io.botfleet.runtime.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import org.junit.Test;

public class OrderResolutionTest {

    private static final Instant SENT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant GRACE_ENDS = SENT.plusMillis(RuntimeSettings.NOT_SENT_GRACE_MILLIS);

    @Test
    public void emptyLookUpsWithinTheGracePeriodProveNothing() {
        OrderResolution r = new OrderResolution(GRACE_ENDS);
        r.foundNothing();
        r.foundNothing();
        r.foundNothing();
        assertFalse(r.provesNeverSent(GRACE_ENDS.minusMillis(1), false));
    }

    @Test
    public void oneEmptyLookUpAfterTheGracePeriodIsNotEnough() {
        OrderResolution r = new OrderResolution(GRACE_ENDS);
        r.foundNothing();
        assertFalse(r.provesNeverSent(GRACE_ENDS.plusSeconds(30), false));
        r.foundNothing();
        assertTrue(r.provesNeverSent(GRACE_ENDS.plusSeconds(31), false));
    }

    @Test
    public void aSendStillInProgressIsNeverProvenUnsent() {
        OrderResolution r = new OrderResolution(GRACE_ENDS);
        r.foundNothing();
        r.foundNothing();
        assertFalse(r.provesNeverSent(GRACE_ENDS.plusSeconds(60), true));
    }

    @Test
    public void theLookUpAfterTheGracePeriodIsNotPostponedByTheBackoff() {
        OrderResolution r = new OrderResolution(GRACE_ENDS);
        assertEquals("a short backoff is kept", 1_000, r.nextDelayMillis(1_000, SENT));
        assertEquals("a long one ends just after the grace period", 3_005,
                r.nextDelayMillis(8_000, GRACE_ENDS.minusMillis(3_000)));
        assertEquals("after it, the backoff's own", 60_000, r.nextDelayMillis(60_000, GRACE_ENDS.plusMillis(1)));
        assertEquals(1, r.nextLookup());
        assertEquals(2, r.nextLookup());
    }
}
