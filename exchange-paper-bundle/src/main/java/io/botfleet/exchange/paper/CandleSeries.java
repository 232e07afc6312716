package io.botfleet.exchange.paper;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The candles of one symbol and interval, addressed by position, oldest first. */
interface CandleSeries {

    String symbol();

    Interval interval();

    /** The position of the first candle with {@code openTime > after}; 0 when after is null. */
    long firstAfter(Instant after);

    /** The candle at {@code index}, or null past the end of a finite series. */
    Candle get(long index);

    /** Candles with {@code from <= openTime < to}, oldest first, at most {@code limit}. */
    List<Candle> range(Instant from, Instant to, int limit);

    /** The price increment the data is quoted in. */
    BigDecimal tickSize();
}
