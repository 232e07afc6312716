package io.botfleet.api.pipeline;

import io.botfleet.api.bot.DailyPnl;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The maxDailyLoss rule's memory: the UTC day of the last candle and the lifetime realized PnL at
 * that day's start. The day comes from candle times, not the wall clock, so a replay behaves as
 * live trading did. Kept as plain data in the bot's persisted progress.
 */
public final class DailyLoss {

    private static final String DAY = "day";
    private static final String DAY_START_PNL = "dayStartRealizedPnl";
    private static final long SECONDS_PER_DAY = 86_400;

    private LocalDate day;
    private BigDecimal dayStartRealized;
    /** The epoch day of the last candle seen, so a candle of the same day costs no date object (backtests take millions). */
    private long lastEpochDay = Long.MIN_VALUE;

    private DailyLoss(LocalDate day, BigDecimal dayStartRealized) {
        this.day = day;
        this.dayStartRealized = dayStartRealized;
    }

    /** Restores from persisted risk state; missing or malformed values start a fresh day. */
    public static DailyLoss from(Map<String, Object> riskState) {
        try {
            Object day = riskState.get(DAY);
            Object start = riskState.get(DAY_START_PNL);
            if (day != null && start != null) {
                return new DailyLoss(LocalDate.parse(day.toString()), new BigDecimal(start.toString()));
            }
        } catch (RuntimeException malformed) {
            // fall through: a fresh day loses at most the current day's tally
        }
        return new DailyLoss(null, null);
    }

    /** Moves to the candle's day, starting a new tally when the day changed. */
    public void onCandle(Instant candleTime, BigDecimal lifetimeRealized) {
        onDay(Math.floorDiv(candleTime.getEpochSecond(), SECONDS_PER_DAY), lifetimeRealized);
    }

    /** {@link #onCandle(Instant, BigDecimal)} with the candle time in Unix milliseconds (no Instant per candle). */
    void onCandle(long candleTimeMillis, BigDecimal lifetimeRealized) {
        onDay(Math.floorDiv(candleTimeMillis, SECONDS_PER_DAY * 1000), lifetimeRealized);
    }

    private void onDay(long epochDay, BigDecimal lifetimeRealized) {
        if (epochDay == lastEpochDay) {
            return; // the same UTC day as the last candle: day is already that day
        }
        lastEpochDay = epochDay;
        LocalDate candleDay = LocalDate.ofEpochDay(epochDay);
        if (!candleDay.equals(day)) {
            day = candleDay;
            dayStartRealized = lifetimeRealized;
        }
    }

    /**
     * The day's realized PnL and whether the limit is reached, or null before the first candle
     * (no day yet).
     */
    public DailyPnl dailyPnl(BigDecimal maxDailyLoss, BigDecimal lifetimeRealized) {
        if (day == null) {
            return null;
        }
        BigDecimal realized = lifetimeRealized.subtract(dayStartRealized);
        return new DailyPnl(day, realized, maxDailyLoss,
                maxDailyLoss != null && realized.negate().compareTo(maxDailyLoss) >= 0);
    }

    /** Why entries are blocked by the daily loss, or null. */
    public String block(BigDecimal maxDailyLoss, BigDecimal lifetimeRealized) {
        if (maxDailyLoss == null || day == null) {
            return null;
        }
        BigDecimal loss = dayStartRealized.subtract(lifetimeRealized);
        if (loss.compareTo(maxDailyLoss) >= 0) {
            return "daily loss " + loss.toPlainString() + " reached maxDailyLoss "
                    + maxDailyLoss.toPlainString() + " for " + day + " (UTC)";
        }
        return null;
    }

    public Map<String, Object> toState() {
        Map<String, Object> state = new LinkedHashMap<>();
        if (day != null) {
            state.put(DAY, day.toString());
            state.put(DAY_START_PNL, dayStartRealized.toPlainString());
        }
        return state;
    }
}
