package io.botfleet.persistence.journal;

import io.botfleet.api.exchange.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One change of an order after its intent was journaled (table {@code order_status_history}): an
 * ack, a fill, a cancel, a reject. The intent itself is the order row (PENDING_SEND at its
 * {@code createdAt}). Not part of the store SPI yet; read with {@link JdbcBotJournal#statusHistory}.
 */
public record OrderStatusChange(String clientOrderId, OrderStatus status, BigDecimal filledQty, Instant at,
                                String reason) {
}
