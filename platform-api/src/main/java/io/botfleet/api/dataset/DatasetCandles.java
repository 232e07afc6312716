package io.botfleet.api.dataset;

import io.botfleet.api.market.Candle;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Candles of a dataset (or of a range of it), oldest first, read-only. Held in columns by the
 * provider: a candle object is made only when asked for one, so a million candles cost no
 * million objects.
 */
@ProviderType
public interface DatasetCandles {

    DatasetKey key();

    int size();

    /** The open time of candle {@code i} (0 is the oldest). */
    Instant openTime(int i);

    /** Candle {@code i}, closed. */
    Candle candle(int i);
}
