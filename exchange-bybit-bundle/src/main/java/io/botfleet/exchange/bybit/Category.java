package io.botfleet.exchange.bybit;

import java.util.Locale;

/**
 * The Bybit product an account trades. It decides the request shapes (spot market buys need
 * {@code marketUnit}), the instrument shape and the order rate limit.
 */
public enum Category {
    LINEAR("linear", 10),
    SPOT("spot", 20);

    private final String wire;
    private final int ordersPerSecond;

    Category(String wire, int ordersPerSecond) {
        this.wire = wire;
        this.ordersPerSecond = ordersPerSecond;
    }

    /** The value of Bybit's {@code category} parameter. */
    public String wire() {
        return wire;
    }

    /** Bybit's per-UID limit for order create + cancel, in a rolling second. */
    public int ordersPerSecond() {
        return ordersPerSecond;
    }

    public static Category parse(String value) {
        if (value == null || value.isBlank()) {
            return LINEAR;
        }
        for (Category c : values()) {
            if (c.wire.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unsupported Bybit category '" + value
                + "'; expected linear or spot");
    }
}
