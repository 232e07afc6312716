package io.botfleet.runtime.bot;

import io.botfleet.api.market.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Whether a window of recent candles holds every candle a strategy must be fed. */
final class CandleWindow {

    private CandleWindow() {
    }

    /**
     * True when {@code recent} (oldest first) holds every candle after {@code after} up to
     * {@code upTo}: the first one after {@code after} opens exactly one interval later, and none
     * is missing up to {@code upTo}.
     */
    static boolean covers(List<Candle> recent, Instant after, Instant upTo, Duration interval) {
        Instant expected = after.plus(interval);
        for (Candle candle : recent) {
            if (!candle.openTime().isAfter(after)) {
                continue;
            }
            if (!candle.openTime().equals(expected)) {
                return false;
            }
            expected = expected.plus(interval);
        }
        return expected.isAfter(upTo);
    }
}
