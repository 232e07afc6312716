package io.botfleet.api.pipeline;

import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Stop-loss and take-profit, checked on every closed candle while a position is open (also while
 * the bot is PAUSED). Exact: the thresholds are compared in decimal arithmetic against the close,
 * so a price exactly at the threshold triggers.
 */
public final class ProtectiveExits {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Optional<Signal> check(RiskLimits limits, BigDecimal positionQty, BigDecimal avgPrice,
                                  BigDecimal close) {
        int sign = positionQty.signum();
        if (sign == 0 || avgPrice.signum() <= 0 || limits.stopLossPct() == null && limits.takeProfitPct() == null) {
            return Optional.empty();
        }
        // gain% = (close - avg) / avg * 100, signed so a gain is positive. Both sides of each
        // comparison are multiplied by avg (> 0) instead of dividing, which keeps it exact.
        BigDecimal gainTimesAvg = close.subtract(avgPrice).multiply(HUNDRED).multiply(BigDecimal.valueOf(sign));
        SignalType exit = sign > 0 ? SignalType.EXIT_LONG : SignalType.EXIT_SHORT;
        if (limits.stopLossPct() != null
                && gainTimesAvg.compareTo(limits.stopLossPct().negate().multiply(avgPrice)) <= 0) {
            return Optional.of(Signal.of(exit, "stop-loss " + limits.stopLossPct().toPlainString()
                    + "% hit at " + close.toPlainString()));
        }
        if (limits.takeProfitPct() != null
                && gainTimesAvg.compareTo(limits.takeProfitPct().multiply(avgPrice)) >= 0) {
            return Optional.of(Signal.of(exit, "take-profit " + limits.takeProfitPct().toPlainString()
                    + "% hit at " + close.toPlainString()));
        }
        return Optional.empty();
    }
}
