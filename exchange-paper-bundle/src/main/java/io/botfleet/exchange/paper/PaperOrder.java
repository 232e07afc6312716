package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import java.math.BigDecimal;
import java.time.Instant;

/** One order of a paper account, mutable, owned by the {@link Account}. */
final class PaperOrder {

    final String clientOrderId;
    final String orderId;
    final String symbol;
    final OrderSide side;
    final OrderType type;
    final BigDecimal qty;
    /** Limit price, or null for a market order. */
    final BigDecimal price;
    final String baseCoin;
    final String quoteCoin;
    OrderStatus status;
    BigDecimal filledQty = BigDecimal.ZERO;
    BigDecimal avgFillPrice;
    String reason;
    Instant updatedAt;

    PaperOrder(String clientOrderId, String orderId, String symbol, OrderSide side, OrderType type,
               BigDecimal qty, BigDecimal price, String baseCoin, String quoteCoin,
               OrderStatus status, Instant updatedAt) {
        this.clientOrderId = clientOrderId;
        this.orderId = orderId;
        this.symbol = symbol;
        this.side = side;
        this.type = type;
        this.qty = qty;
        this.price = price;
        this.baseCoin = baseCoin;
        this.quoteCoin = quoteCoin;
        this.status = status;
        this.updatedAt = updatedAt;
    }

    boolean isOpen() {
        return status == OrderStatus.NEW || status == OrderStatus.PARTIALLY_FILLED;
    }

    ExchangeOrder view() {
        return new ExchangeOrder(clientOrderId, orderId, symbol, side, type, qty, price, status,
                filledQty, avgFillPrice, reason, updatedAt);
    }
}
