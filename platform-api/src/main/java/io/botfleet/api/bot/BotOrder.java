package io.botfleet.api.bot;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An order of a bot as its journal records it: the {@code Order} shape of the HTTP API.
 *
 * @param botId           owning bot
 * @param clientOrderId   deterministic client order id
 * @param exchangeOrderId the exchange's id, or null until acknowledged
 * @param symbol          exchange symbol
 * @param side            buy or sell
 * @param type            market or limit
 * @param qty             ordered quantity
 * @param price           limit price, or null for market orders
 * @param status          journal status
 * @param filledQty       cumulative filled quantity
 * @param avgFillPrice    average fill price, or null
 * @param createdAt       when the intent was journaled
 * @param updatedAt       when it last changed
 * @param reason          why it was placed, rejected or cancelled, or null
 */
public record BotOrder(String botId, String clientOrderId, String exchangeOrderId, String symbol,
                       OrderSide side, OrderType type, BigDecimal qty, BigDecimal price,
                       OrderStatus status, BigDecimal filledQty, BigDecimal avgFillPrice,
                       Instant createdAt, Instant updatedAt, String reason) {

    public BotOrder {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(status, "status");
        filledQty = filledQty == null ? BigDecimal.ZERO : filledQty;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** This order with a new status, exchange id, fill state and reason, updated at {@code now}. */
    public BotOrder with(OrderStatus newStatus, String newExchangeOrderId, BigDecimal newFilledQty,
                         BigDecimal newAvgFillPrice, String newReason, Instant now) {
        return new BotOrder(botId, clientOrderId,
                newExchangeOrderId != null ? newExchangeOrderId : exchangeOrderId, symbol, side, type,
                qty, price, newStatus, newFilledQty != null ? newFilledQty : filledQty,
                newAvgFillPrice != null ? newAvgFillPrice : avgFillPrice, createdAt, now,
                newReason != null ? newReason : reason);
    }
}
