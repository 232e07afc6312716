package io.botfleet.strategy.rsi;

/**
 * Where the RSI of one candle stands against the thresholds. {@link #UNDEFINED}: the window
 * moved neither up nor down (every close equal), so there is no RSI, and no cross into or out
 * of it.
 */
enum RsiZone {
    /** RSI &lt; lower. */
    BELOW,
    /** lower &le; RSI &le; upper. */
    BETWEEN,
    /** RSI &gt; upper. */
    ABOVE,
    UNDEFINED
}
