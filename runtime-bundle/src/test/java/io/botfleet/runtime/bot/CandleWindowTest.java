package io.botfleet.runtime.bot;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class CandleWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static List<Candle> minutes(int... offsets) {
        List<Candle> candles = new ArrayList<>();
        for (int m : offsets) {
            candles.add(new Candle("BTCUSDT", Interval.M1, T0.plus(MINUTE.multipliedBy(m)), BigDecimal.ONE,
                    BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, true));
        }
        return candles;
    }

    @Test
    public void everyCandleAfterTheCheckpointUpToTheBotsLastIsThere() {
        assertTrue(CandleWindow.covers(minutes(3, 4, 5, 6), T0.plus(MINUTE.multipliedBy(4)),
                T0.plus(MINUTE.multipliedBy(6)), MINUTE));
        assertTrue("nothing since the checkpoint", CandleWindow.covers(minutes(3, 4), T0.plus(MINUTE.multipliedBy(4)),
                T0.plus(MINUTE.multipliedBy(4)), MINUTE));
    }

    @Test
    public void aWindowThatStartsAfterTheCheckpointOrHasAHoleDoesNot() {
        assertFalse("the window begins too late", CandleWindow.covers(minutes(8, 9, 10), T0.plus(MINUTE.multipliedBy(4)),
                T0.plus(MINUTE.multipliedBy(10)), MINUTE));
        assertFalse("a hole", CandleWindow.covers(minutes(5, 6, 8), T0.plus(MINUTE.multipliedBy(4)),
                T0.plus(MINUTE.multipliedBy(8)), MINUTE));
        assertFalse("ends before the bot's last", CandleWindow.covers(minutes(5, 6), T0.plus(MINUTE.multipliedBy(4)),
                T0.plus(MINUTE.multipliedBy(8)), MINUTE));
        assertFalse("empty", CandleWindow.covers(List.of(), T0, T0.plus(MINUTE), MINUTE));
    }
}
