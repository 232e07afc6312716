package io.botfleet.runtime.market;

import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.market.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether a closed candle is current or history. Stale is a matter of time, not of path: a
 * candle is current while its close time is less than one interval plus the adapter's lateness
 * margin before the exchange's clock ({@link ExchangeAdapter#now()},
 * {@link ExchangeAdapter#candleLateness()}), whether it came from the stream, from REST after a
 * reconnect or a gap, from a late joiner's catch-up or after a restart or a suspension. Current
 * candles are traded; history only feeds the strategy.
 */
public final class CandleCurrency {

    private CandleCurrency() {
    }

    /** Why {@code candle} is history on {@code exchange}'s clock now, or null when it is current. */
    public static String historyReason(Candle candle, ExchangeAdapter exchange) {
        return historyReason(candle, exchange.now(), exchange.candleLateness());
    }

    /**
     * Why {@code candle} is history at {@code exchangeNow}, or null when it is current: its close
     * is less than one interval plus {@code lateness} before {@code exchangeNow} (a candle closing
     * after it, as a lagging clock may show, is current too).
     */
    public static String historyReason(Candle candle, Instant exchangeNow, Duration lateness) {
        Duration age = Duration.between(candle.closeTime(), exchangeNow);
        Duration limit = candle.interval().duration().plus(lateness);
        if (age.compareTo(limit) < 0) {
            return null;
        }
        return "history: it closed at " + candle.closeTime() + ", " + text(age)
                + " before the exchange's time " + exchangeNow + "; a candle is current for less than "
                + text(candle.interval().duration()) + " + " + text(lateness) + " after its close";
    }

    private static String text(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
