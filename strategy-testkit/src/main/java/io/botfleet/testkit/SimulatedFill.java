package io.botfleet.testkit;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.strategy.SignalType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A market order the harness filled for a signal, as the paper exchange would fill it.
 *
 * @param time     market time of the fill: the close time of the signal's candle
 * @param signal   the signal type that caused the order
 * @param side     buy or sell
 * @param qty      base quantity, on the instrument's step
 * @param price    fill price (the close, moved by the slippage against the order)
 * @param fee      fee in the quote coin
 * @param position the position after the fill
 */
public record SimulatedFill(Instant time, SignalType signal, OrderSide side, BigDecimal qty,
                            BigDecimal price, BigDecimal fee, BigDecimal position) {

    /** What the fill did to the quote balance: minus notional and fee for a buy, plus notional minus fee for a sell. */
    public BigDecimal quoteChange() {
        BigDecimal notional = qty.multiply(price);
        return side == OrderSide.BUY ? notional.add(fee).negate() : notional.subtract(fee);
    }
}
