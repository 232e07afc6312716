package io.botfleet.api.exchange;

/** The order types every adapter supports. */
public enum OrderType {
    MARKET, LIMIT
}
