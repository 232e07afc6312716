package io.botfleet.api.strategy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A strategy's request to change the position. The runtime's risk gate decides whether, and
 * how large, an order follows; a refusal is recorded as a bot event with its reason.
 *
 * @param type   what to do
 * @param reason short human-readable cause, shown to operators (for example "sma 10/30 cross up")
 * @param qty    requested quantity in the base coin, or null to use the bot's configured
 *               {@code orderQty}; when given it must be &gt; 0
 */
public record Signal(SignalType type, String reason, BigDecimal qty) {

    public Signal {
        Objects.requireNonNull(type, "signal type");
        reason = reason == null ? "" : reason;
        if (qty != null && qty.signum() <= 0) {
            throw new IllegalArgumentException("signal qty must be > 0, was " + qty);
        }
    }

    public static Signal of(SignalType type, String reason) {
        return new Signal(type, reason, null);
    }
}
