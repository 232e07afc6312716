package io.botfleet.api.exchange;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An order as the exchange reports it.
 *
 * @param clientOrderId   the id it was placed with; may be empty for orders Botfleet did not place
 * @param exchangeOrderId the exchange's id
 * @param symbol          exchange symbol
 * @param side            buy or sell
 * @param type            market or limit
 * @param qty             ordered quantity
 * @param price           limit price, or null for a market order
 * @param status          the exchange's state, mapped; never PENDING_SEND or NOT_SENT
 * @param filledQty       cumulative filled quantity, &ge; 0
 * @param avgFillPrice    average fill price, or null when nothing filled
 * @param reason          the exchange's reject or cancel reason, or null
 * @param updatedAt       when the exchange last changed it
 */
public record ExchangeOrder(String clientOrderId, String exchangeOrderId, String symbol,
                            OrderSide side, OrderType type, BigDecimal qty, BigDecimal price,
                            OrderStatus status, BigDecimal filledQty, BigDecimal avgFillPrice,
                            String reason, Instant updatedAt) {

    public ExchangeOrder {
        clientOrderId = clientOrderId == null ? "" : clientOrderId;
        Objects.requireNonNull(exchangeOrderId, "exchangeOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(status, "status");
        filledQty = filledQty == null ? BigDecimal.ZERO : filledQty;
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
