package io.botfleet.api.bot;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A bot's position on its symbol. Quote-coin values for prices and PnL.
 *
 * @param qty           base-coin quantity: positive long, negative short, zero flat
 * @param avgPrice      average entry price of the open quantity; zero when flat
 * @param unrealizedPnl (last close - avgPrice) &times; qty, at the last processed candle
 * @param realizedPnl   lifetime realized PnL, fees deducted
 */
public record Position(BigDecimal qty, BigDecimal avgPrice, BigDecimal unrealizedPnl,
                       BigDecimal realizedPnl) {

    public static final Position FLAT =
            new Position(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public Position {
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(avgPrice, "avgPrice");
        Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
    }
}
