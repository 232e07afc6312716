package io.botfleet.api.strategy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A fill of one of the bot's orders, as a strategy sees it.
 *
 * @param buy   true for a buy, false for a sell
 * @param qty   filled quantity in the base coin, &gt; 0
 * @param price fill price in the quote coin, &gt; 0
 * @param time  when the exchange executed it
 */
public record FillEvent(boolean buy, BigDecimal qty, BigDecimal price, Instant time) {

    public FillEvent {
        Objects.requireNonNull(qty, "fill qty");
        Objects.requireNonNull(price, "fill price");
        Objects.requireNonNull(time, "fill time");
    }
}
