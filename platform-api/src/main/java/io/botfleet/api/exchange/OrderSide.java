package io.botfleet.api.exchange;

/** The side of an order or a fill. */
public enum OrderSide {
    BUY, SELL;

    /** +1 for BUY, -1 for SELL: the sign a fill of this side gives to a position change. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
