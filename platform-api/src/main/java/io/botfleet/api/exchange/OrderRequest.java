package io.botfleet.api.exchange;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order to place, already rounded to the instrument's rules and journaled by the runtime.
 *
 * @param clientOrderId deterministic id, see {@link ClientOrderIds}; an adapter passes it to the
 *                      exchange so that a retried placement is recognised as the same order
 * @param symbol        exchange symbol
 * @param side          buy or sell
 * @param type          market or limit
 * @param qty           quantity in the base coin, &gt; 0
 * @param price         limit price, required for LIMIT, null for MARKET
 * @param reduceOnly    true when the order may only reduce a position
 */
public record OrderRequest(String clientOrderId, String symbol, OrderSide side, OrderType type,
                           BigDecimal qty, BigDecimal price, boolean reduceOnly) {

    public OrderRequest {
        ClientOrderIds.require(clientOrderId);
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("order symbol must not be blank");
        }
        Objects.requireNonNull(side, "order side");
        Objects.requireNonNull(type, "order type");
        Objects.requireNonNull(qty, "order qty");
        if (qty.signum() <= 0) {
            throw new IllegalArgumentException("order qty must be > 0, was " + qty);
        }
        if (type == OrderType.LIMIT && (price == null || price.signum() <= 0)) {
            throw new IllegalArgumentException("a LIMIT order needs a price > 0");
        }
        if (type == OrderType.MARKET && price != null) {
            throw new IllegalArgumentException("a MARKET order takes no price");
        }
    }
}
