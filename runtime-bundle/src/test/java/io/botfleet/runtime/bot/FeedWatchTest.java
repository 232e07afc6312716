package io.botfleet.runtime.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.FeedHealth;
import io.botfleet.api.market.Interval;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class FeedWatchTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration LIMIT = FeedWatch.limit(Interval.M1, 3);

    @Test
    public void limitIsThreeIntervalsByDefault() {
        assertEquals(Duration.ofMinutes(3), LIMIT);
        assertEquals(Duration.ofHours(12), FeedWatch.limit(Interval.H4, 3));
        assertEquals(Duration.ofSeconds(3), FeedWatch.limit(Interval.M1, 0.05));
    }

    @Test
    public void staleAfterThreeIntervalsWithoutACandleAndLiveWhenOneComes() {
        FeedWatch watch = new FeedWatch();
        assertNull("not live: nothing to watch", watch.health());
        assertFalse(watch.overdue(T0.plus(Duration.ofHours(1)), LIMIT));

        watch.live(T0);
        assertEquals(new FeedHealth(FeedHealth.State.LIVE, T0), watch.health());
        watch.arrived(T0.plusSeconds(60));
        assertFalse(watch.overdue(T0.plusSeconds(60 + 180), LIMIT));
        assertTrue(watch.overdue(T0.plusSeconds(60 + 181), LIMIT));
        assertNull("a candle on a LIVE feed changes nothing", watch.markLive(T0.plusSeconds(200)));

        Instant detected = T0.plusSeconds(60 + 181);
        assertTrue(watch.markStale(detected, LIMIT));
        assertEquals(new FeedHealth(FeedHealth.State.STALE, detected), watch.health());
        assertFalse("reported once", watch.overdue(detected.plusSeconds(600), LIMIT));
        assertFalse(watch.markStale(detected.plusSeconds(600), LIMIT));

        Instant back = T0.plusSeconds(600);
        watch.arrived(back);
        assertEquals("silent since the last candle", Duration.ofSeconds(540), watch.markLive(back));
        assertEquals(new FeedHealth(FeedHealth.State.LIVE, back), watch.health());
        assertFalse(watch.overdue(back.plusSeconds(180), LIMIT));
        assertTrue(watch.overdue(back.plusSeconds(181), LIMIT));

        watch.off();
        assertNull(watch.health());
        assertFalse(watch.overdue(back.plusSeconds(1000), LIMIT));
    }

    @Test
    public void aCandleBetweenTheTimerAndTheMailboxKeepsItLive() {
        FeedWatch watch = new FeedWatch();
        watch.live(T0);
        Instant late = T0.plusSeconds(181);
        assertTrue(watch.overdue(late, LIMIT)); // the timer posts
        watch.arrived(late);                    // a candle is delivered before the message runs
        assertFalse(watch.markStale(late, LIMIT));
        assertEquals(FeedHealth.State.LIVE, watch.health().state());
    }
}
