package io.botfleet.api.pipeline;

import io.botfleet.api.exchange.OrderSide;
import org.osgi.annotation.versioning.ConsumerType;

/** The bot's unfinished orders, as far as the risk gate must know them. */
@ConsumerType
public interface OpenOrders {

    /** No order open on either side: a backtest's book after every fill. */
    OpenOrders NONE = new OpenOrders() {
        @Override
        public boolean anyOpen(OrderSide side) {
            return false;
        }

        @Override
        public boolean anyResolvedOpen(OrderSide side) {
            return false;
        }
    };

    /** An unfinished order on {@code side}, its outcome known or not. */
    boolean anyOpen(OrderSide side);

    /** An unfinished order on {@code side} whose outcome is not in doubt (being sent, or known to the exchange). */
    boolean anyResolvedOpen(OrderSide side);
}
