package io.botfleet.api.bot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A bot's realized PnL of one UTC day, as its daily loss rule (risk {@code maxDailyLoss}) counts
 * it: the day is that of its last candle (candle time, not the wall clock, so a replay counts as
 * live trading did), and the PnL is what fills realized since that day's first candle.
 *
 * @param day          the UTC day
 * @param realizedPnl  realized PnL since the day's start, in the quote currency (negative: a loss)
 * @param maxDailyLoss the bot's limit, or null when it has none
 * @param limitReached true when the day's loss is at or beyond the limit: entries are refused
 *                     for the rest of the day (exits still go through)
 */
public record DailyPnl(LocalDate day, BigDecimal realizedPnl, BigDecimal maxDailyLoss, boolean limitReached) {

    public DailyPnl {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        if (limitReached && maxDailyLoss == null) {
            throw new IllegalArgumentException("a limit reached needs a limit");
        }
    }
}
