package io.botfleet.api.dataset;

import io.botfleet.api.market.Interval;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which candles a dataset holds: {@code {exchange}/{symbol}/{interval}}, e.g.
 * {@code bybit/BTCUSDT/1m}. Each part becomes a folder or file name on the server, so each is
 * checked against a narrow alphabet: no separators, no dots, nothing a path could escape with.
 */
public record DatasetKey(String exchange, String symbol, Interval interval) {

    private static final Pattern EXCHANGE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,39}");

    /** @throws IllegalArgumentException naming the part that is not acceptable */
    public DatasetKey {
        Objects.requireNonNull(interval, "interval");
        if (exchange == null || !EXCHANGE.matcher(exchange).matches()) {
            throw new IllegalArgumentException("exchange '" + exchange + "' must be 1-32 lower-case letters, "
                    + "digits or '-', starting with a letter");
        }
        if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol '" + symbol + "' must be 1-40 upper-case letters, digits, "
                    + "'_' or '-'");
        }
    }

    /**
     * Parses the three path segments of {@code exchange/symbol/interval}.
     *
     * @throws IllegalArgumentException naming the part that is not acceptable
     */
    public static DatasetKey of(String exchange, String symbol, String interval) {
        return new DatasetKey(exchange, symbol, Interval.parse(interval));
    }

    @Override
    public String toString() {
        return exchange + "/" + symbol + "/" + interval.code();
    }
}
