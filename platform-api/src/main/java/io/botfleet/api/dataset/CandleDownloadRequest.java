package io.botfleet.api.dataset;

import io.botfleet.api.market.Interval;
import java.time.Instant;
import java.util.Objects;

/**
 * Fetch the closed candles of {@code symbol} and {@code interval} with {@code from <= openTime < to}
 * from the exchange account {@code exchange}/{@code account} into the dataset
 * {@code exchange/symbol/interval}.
 */
public record CandleDownloadRequest(String exchange, String account, String symbol, Interval interval,
                                    Instant from, Instant to) {

    /** @throws IllegalArgumentException when the key is not acceptable or the range is empty */
    public CandleDownloadRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        new DatasetKey(exchange, symbol, interval); // checks the key's parts
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
    }

    /** The dataset the candles go into. */
    public DatasetKey key() {
        return new DatasetKey(exchange, symbol, interval);
    }
}
