package io.botfleet.api.backtest;

import java.time.Instant;
import java.util.Objects;

/**
 * The candles a backtest runs over: a dataset {@code {exchange}/{symbol}/{interval}} and the
 * candles whose open time is in {@code [from, to)}; a null bound is the dataset's own.
 */
public record DatasetRange(String exchange, String symbol, String interval, Instant from, Instant to) {

    public DatasetRange {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidBacktestException("data.to", "must be after data.from (" + from + "), was " + to);
        }
    }

    /** {@code exchange/symbol/interval}. */
    public String key() {
        return exchange + "/" + symbol + "/" + interval;
    }
}
