package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Everything that changes a paper account, as written to its journal. The account's state is
 * exactly the fold of its events: live calls append events and apply them, activation applies
 * the journal's events again.
 */
sealed interface AccountEvent {

    /** The account was created with an opening deposit. */
    record Opened(Instant time, Map<String, BigDecimal> balances) implements AccountEvent {
    }

    /** An order was accepted; a limit order now rests and locks funds. */
    record Accepted(String clientOrderId, String orderId, String symbol, OrderSide side,
                    OrderType type, BigDecimal qty, BigDecimal price, String baseCoin,
                    String quoteCoin, Instant time) implements AccountEvent {
    }

    /** An order was refused; it is remembered so the same client order id stays refused. */
    record Rejected(String clientOrderId, String orderId, String symbol, OrderSide side,
                    OrderType type, BigDecimal qty, BigDecimal price, String reason, Instant time)
            implements AccountEvent {
    }

    /**
     * An order filled completely; the fee is in the order's quote coin. {@code time} is market
     * time (the candle's close), {@code recordedAt} the wall clock when the fill was made.
     */
    record Filled(String execId, String orderId, BigDecimal qty, BigDecimal price, BigDecimal fee,
                  Instant time, Instant recordedAt) implements AccountEvent {
    }

    /** An open order was cancelled and its funds released. */
    record Cancelled(String orderId, String reason, Instant time) implements AccountEvent {
    }
}
