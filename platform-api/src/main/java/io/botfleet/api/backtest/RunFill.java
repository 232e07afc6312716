package io.botfleet.api.backtest;

import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution of a run: the API's {@code Fill} shape plus {@code side} and {@code candleTime}.
 *
 * @param seq         1-based, in the order of the run
 * @param side        buy or sell
 * @param qty         filled quantity
 * @param price       fill price
 * @param fee         fee, in {@code feeCurrency}
 * @param feeCurrency the quote coin
 * @param time        when it filled (the close time of its candle)
 * @param candleTime  the open time of the candle it was decided on
 */
public record RunFill(int seq, OrderSide side, BigDecimal qty, BigDecimal price, BigDecimal fee, String feeCurrency,
                      Instant time, Instant candleTime) {

    /** The execution id the API shows. */
    public String execId() {
        return "bt-" + seq;
    }

    /** The order id the API shows (a backtest fills each order at once, in full). */
    public String clientOrderId() {
        return "backtest-" + seq;
    }
}
