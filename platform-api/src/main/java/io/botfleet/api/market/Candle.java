package io.botfleet.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV candle. Prices are in the quote currency, volume in the base currency, all exact
 * decimals as the source gave them. {@code openTime} is the start of the candle (UTC);
 * {@code closed} is true once the candle is final: only closed candles drive strategies.
 *
 * @param symbol   exchange symbol, for example {@code BTCUSDT}; never blank
 * @param interval candle length
 * @param openTime start of the candle, aligned to the interval
 * @param open     first trade price, &gt; 0
 * @param high     highest price, &ge; low
 * @param low      lowest price, &gt; 0
 * @param close    last trade price, &gt; 0
 * @param volume   traded base quantity, &ge; 0
 * @param closed   whether the candle is final
 */
public record Candle(String symbol, Interval interval, Instant openTime, BigDecimal open,
                     BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
                     boolean closed) {

    public Candle {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("candle symbol must not be blank");
        }
        Objects.requireNonNull(interval, "candle interval");
        Objects.requireNonNull(openTime, "candle openTime");
        positive("open", open);
        positive("high", high);
        positive("low", low);
        positive("close", close);
        Objects.requireNonNull(volume, "candle volume");
        if (volume.signum() < 0) {
            throw new IllegalArgumentException("candle volume must be >= 0, was " + volume);
        }
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("candle high " + high + " is below low " + low);
        }
    }

    /** The instant the candle ends (exclusive): {@code openTime + interval}. */
    public Instant closeTime() {
        return openTime.plus(interval.duration());
    }

    private static void positive(String field, BigDecimal value) {
        Objects.requireNonNull(value, () -> "candle " + field);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("candle " + field + " must be > 0, was " + value);
        }
    }
}
