package io.botfleet.testkit;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made candle series: the exact closes a test needs, nothing else. Each close becomes one
 * closed candle whose open, high, low and close are that value, a candle interval apart.
 */
public final class Candles {

    /** The symbol hand-made series trade unless told otherwise. */
    public static final String SYMBOL = "BTCUSDT";
    /** Open time of the first hand-made candle. */
    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private Candles() {
    }

    /** One closed one-minute {@link #SYMBOL} candle per close, from {@link #START}. */
    public static List<Candle> closes(String... closes) {
        return closes(SYMBOL, Interval.M1, START, closes);
    }

    /**
     * One closed candle per close, one {@code interval} apart from {@code start}.
     *
     * @param closes decimal strings ({@code "0.00162008"}), written as the data would write them
     * @throws IllegalArgumentException naming the close that is not a positive decimal
     */
    public static List<Candle> closes(String symbol, Interval interval, Instant start,
                                      String... closes) {
        List<Candle> candles = new ArrayList<>(closes.length);
        Instant time = start;
        for (int i = 0; i < closes.length; i++) {
            BigDecimal close = decimal(closes[i], i);
            candles.add(new Candle(symbol, interval, time, close, close, close, close,
                    BigDecimal.ONE, true));
            time = time.plus(interval.duration());
        }
        return candles;
    }

    private static BigDecimal decimal(String text, int index) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() > 0) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below with the position
        }
        throw new IllegalArgumentException("close " + index + " must be a positive decimal, was '"
                + text + "'");
    }
}
