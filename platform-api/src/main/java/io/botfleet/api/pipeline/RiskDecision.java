package io.botfleet.api.pipeline;

import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;

/** What the risk gate made of a signal: an order to place, or a refusal with its reason. */
public sealed interface RiskDecision {

    /**
     * @param side       buy or sell
     * @param qty        rounded to the instrument's step, &gt; 0
     * @param reduceOnly true for exits
     * @param reason     why the order is placed (the signal's reason)
     */
    record Place(OrderSide side, BigDecimal qty, boolean reduceOnly, String reason) implements RiskDecision {
    }

    /** @param reason why no order follows, for the bot's event log */
    record Refuse(String reason) implements RiskDecision {
    }
}
