package io.botfleet.exchange.bybit.ratelimit;

/** The Bybit rate-limit buckets the adapter uses; each has its own rolling window. */
public enum LimitGroup {
    /** {@code /v5/order/create} and {@code /v5/order/cancel}: 10/s linear, 20/s spot, per UID. */
    ORDER,
    /** The other private endpoints (realtime, history, execution, wallet): 50/s per UID. */
    PRIVATE,
    /** {@code /v5/market/*}: only the per-IP limit (600 per 5 s) applies; we keep well below. */
    PUBLIC
}
