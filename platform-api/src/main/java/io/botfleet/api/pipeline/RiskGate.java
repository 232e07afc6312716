package io.botfleet.api.pipeline;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import java.math.BigDecimal;

/**
 * Turns a strategy signal into an order or a refusal. Pure: no state, no I/O, so the same inputs
 * always give the same decision (which is what makes a backtest repeatable).
 *
 * <p>Entries are checked against every limit; exits only against the instrument's minimums,
 * because refusing an exit would only increase risk. One order per side at a time: while a buy
 * (sell) order is open, a further signal that would buy (sell) is refused, so a slow exchange
 * never turns one signal into two positions.
 *
 * <p>Protective exits (stop-loss, take-profit) are only held back by a working order on their
 * own side; an unresolved order (its placement outcome unknown, still being looked up) never
 * holds them back, whatever it is: an exit only reduces the position (reduce-only), so letting it
 * through never adds risk, while waiting for an exchange that does not answer could.
 */
public final class RiskGate {

    public RiskDecision evaluate(Signal signal, RiskInput in) {
        SignalType type = signal.type();
        return type.isEntry() ? entry(signal, in) : exit(signal, in, false);
    }

    /** A stop-loss or take-profit exit: see the class comment. */
    public RiskDecision evaluateProtectiveExit(Signal signal, RiskInput in) {
        if (signal.type().isEntry()) {
            throw new IllegalArgumentException("a protective exit is an exit: " + signal.type());
        }
        return exit(signal, in, true);
    }

    private RiskDecision entry(Signal signal, RiskInput in) {
        boolean longEntry = signal.type() == SignalType.ENTER_LONG;
        int positionSign = in.positionQty().signum();
        if (in.entryBlock() != null) {
            return refuse(signal, in.entryBlock());
        }
        if (positionSign != 0 && (positionSign > 0) != longEntry) {
            return refuse(signal, "position is " + (positionSign > 0 ? "long" : "short") + " "
                    + in.positionQty().toPlainString() + "; exit it first");
        }
        if (longEntry ? in.openBuyOrder() : in.openSellOrder()) {
            return refuse(signal, "an entry order is still open");
        }
        BigDecimal qty = in.instrument().roundQtyDown(
                signal.qty() != null ? signal.qty() : in.limits().orderQty());
        BigDecimal maxPosition = in.limits().maxPositionQty();
        if (maxPosition != null && in.positionQty().abs().add(qty).compareTo(maxPosition) > 0) {
            return refuse(signal, "position " + in.positionQty().abs().add(qty).toPlainString()
                    + " would exceed maxPositionQty " + maxPosition.toPlainString());
        }
        BigDecimal notional = qty.multiply(in.lastPrice());
        BigDecimal maxNotional = in.limits().maxOrderNotional();
        if (maxNotional != null && notional.compareTo(maxNotional) > 0) {
            return refuse(signal, "order notional " + notional.toPlainString()
                    + " exceeds maxOrderNotional " + maxNotional.toPlainString());
        }
        return place(signal, in, longEntry ? OrderSide.BUY : OrderSide.SELL, qty, false);
    }

    private RiskDecision exit(Signal signal, RiskInput in, boolean protective) {
        boolean exitLong = signal.type() == SignalType.EXIT_LONG;
        int positionSign = in.positionQty().signum();
        if (positionSign == 0 || (positionSign > 0) != exitLong) {
            return refuse(signal, "no " + (exitLong ? "long" : "short") + " position to exit");
        }
        boolean working = protective
                ? (exitLong ? in.resolvedSellOrder() : in.resolvedBuyOrder())
                : (exitLong ? in.openSellOrder() : in.openBuyOrder());
        if (working) {
            return refuse(signal, "an exit order is still open");
        }
        BigDecimal qty = in.instrument().roundQtyDown(in.positionQty().abs());
        return place(signal, in, exitLong ? OrderSide.SELL : OrderSide.BUY, qty, true);
    }

    private RiskDecision place(Signal signal, RiskInput in, OrderSide side, BigDecimal qty,
                               boolean reduceOnly) {
        String violation = in.instrument().violation(qty, in.lastPrice());
        if (violation != null) {
            return refuse(signal, violation);
        }
        return new RiskDecision.Place(side, qty, reduceOnly, signal.reason());
    }

    private static RiskDecision refuse(Signal signal, String why) {
        return new RiskDecision.Refuse(signal.type() + " refused: " + why
                + (signal.reason().isEmpty() ? "" : " (signal: " + signal.reason() + ")"));
    }
}
