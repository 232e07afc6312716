package io.botfleet.backtest.engine;

import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution of a backtest, as the paper exchange would have made it.
 *
 * @param time       when it filled: the close time of the candle it was decided on (the paper
 *                   exchange's market clock)
 * @param side       buy or sell
 * @param qty        filled quantity
 * @param price      fill price (the candle's close, slipped against the order)
 * @param fee        fee in the quote coin
 * @param candleTime open time of the candle the order was decided on
 */
public record BacktestFill(Instant time, OrderSide side, BigDecimal qty, BigDecimal price, BigDecimal fee,
                           Instant candleTime) {
}
