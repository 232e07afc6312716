package io.botfleet.api.exchange;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One fill (trade execution) of an order, as the exchange reports it. {@code execId} is unique
 * per exchange account: the runtime stores a fill once however often it is reported.
 *
 * @param execId          the exchange's execution id
 * @param clientOrderId   the order's client id; empty for orders Botfleet did not place
 * @param exchangeOrderId the exchange's order id
 * @param symbol          exchange symbol
 * @param side            buy or sell
 * @param qty             executed quantity, &gt; 0
 * @param price           execution price, &gt; 0
 * @param fee             fee charged, &ge; 0 (a rebate is negative)
 * @param feeCurrency     the coin the fee is charged in
 * @param time            when it executed
 */
public record Execution(String execId, String clientOrderId, String exchangeOrderId, String symbol,
                        OrderSide side, BigDecimal qty, BigDecimal price, BigDecimal fee,
                        String feeCurrency, Instant time) {

    public Execution {
        if (execId == null || execId.isBlank()) {
            throw new IllegalArgumentException("execution execId must not be blank");
        }
        clientOrderId = clientOrderId == null ? "" : clientOrderId;
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(price, "price");
        if (qty.signum() <= 0 || price.signum() <= 0) {
            throw new IllegalArgumentException("execution qty and price must be > 0");
        }
        fee = fee == null ? BigDecimal.ZERO : fee;
        feeCurrency = feeCurrency == null ? "" : feeCurrency;
        Objects.requireNonNull(time, "time");
    }
}
