package io.botfleet.api.exchange;

import java.util.Objects;

/**
 * The exchange accepted an order for processing. Acceptance is not a fill: the order's fate
 * arrives later through {@link OrderUpdateListener} or {@link ExchangeAdapter#findByClientOrderId}.
 *
 * @param clientOrderId   the id the order was placed with
 * @param exchangeOrderId the exchange's id for it
 */
public record OrderAck(String clientOrderId, String exchangeOrderId) {

    public OrderAck {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(exchangeOrderId, "exchangeOrderId");
    }
}
