package io.botfleet.exchange.paper;

import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;

/** Where a paper account's candles come from: a CSV replay or a seeded synthetic walk. */
sealed interface MarketSource {

    String symbol();

    Interval interval();

    /** 1 = real time, N = N times faster, 0 = as fast as the subscribers consume. */
    BigDecimal speed();

    /**
     * A CSV file {@code open_time_ms,open,high,low,close,volume} with a header line.
     */
    record Replay(Path file, String symbol, Interval interval, BigDecimal speed)
            implements MarketSource {
    }

    /**
     * A geometric random walk: each close is the previous one times {@code exp(volatility * z)},
     * z standard normal from {@code java.util.Random(seed)}, so one seed always gives one walk.
     * Candle {@code k} opens at {@code startTime + k * interval}.
     */
    record Synthetic(String symbol, Interval interval, long seed, BigDecimal startPrice,
                     BigDecimal tickSize, double volatility, Instant startTime, BigDecimal speed)
            implements MarketSource {
    }
}
