package io.botfleet.api.bot;

/**
 * Lifetime totals of a bot, persisted with the effects they count, so after a crash they are
 * exactly what was committed.
 *
 * @param candles  closed candles processed (counted once the candle's orders are journaled)
 * @param signals  signals the strategy emitted
 * @param orders   orders sent to the exchange
 * @param fills    fill executions applied
 * @param rejected orders the exchange refused
 * @param errors   strategy and runtime faults
 */
public record BotCounters(long candles, long signals, long orders, long fills, long rejected,
                          long errors) {

    public static final BotCounters ZERO = new BotCounters(0, 0, 0, 0, 0, 0);

    public BotCounters {
        if (candles < 0 || signals < 0 || orders < 0 || fills < 0 || rejected < 0 || errors < 0) {
            throw new IllegalArgumentException("counters must be >= 0");
        }
    }
}
