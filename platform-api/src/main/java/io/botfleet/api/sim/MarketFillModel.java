package io.botfleet.api.sim;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How a simulated venue fills a market order: at the close of the latest candle, moved by
 * {@code slippageBps} against the order and rounded against it to the tick, paying
 * {@code feeBps} of the notional in the quote coin. All arithmetic is exact (no rounding but the
 * tick rounding of a slipped price), so two simulations of the same orders agree to the digit.
 *
 * <p>Immutable and stateless: one instance serves any number of accounts and threads.
 *
 * @param feeBps      fee in basis points of notional, &ge; 0
 * @param slippageBps how far a market order's price moves against it, in basis points, &ge; 0
 */
public record MarketFillModel(BigDecimal feeBps, BigDecimal slippageBps) {

    /** No fee, no slippage: fills at the close exactly. */
    public static final MarketFillModel FREE = new MarketFillModel(BigDecimal.ZERO, BigDecimal.ZERO);

    public MarketFillModel {
        requireNonNegative("feeBps", feeBps);
        requireNonNegative("slippageBps", slippageBps);
    }

    /**
     * The price a market order fills at. Without slippage it is the close itself, as the data
     * wrote it (same scale), so fill prices compare equal to the closes. With slippage a buy
     * pays the close plus the move rounded up to the tick, a sell gets the close minus the move
     * rounded down to the tick, but never less than one tick.
     *
     * @param side       the order's side
     * @param close      the close of the latest candle of the symbol, &gt; 0
     * @param instrument the symbol's rules (its tick size)
     */
    public BigDecimal marketPrice(OrderSide side, BigDecimal close, Instrument instrument) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(close, "close");
        if (slippageBps.signum() == 0) {
            return close;
        }
        Objects.requireNonNull(instrument, "instrument");
        BigDecimal move = perTenThousand(close.multiply(slippageBps));
        return side == OrderSide.BUY
                ? instrument.roundPrice(close.add(move), RoundingMode.CEILING)
                : instrument.roundPrice(close.subtract(move), RoundingMode.FLOOR)
                        .max(instrument.tickSize());
    }

    /** The fee of a fill of this notional (qty &times; price), in the quote coin, exact. */
    public BigDecimal fee(BigDecimal notional) {
        return perTenThousand(notional.multiply(feeBps));
    }

    /**
     * {@code value.divide(10000)}, digit for digit (the exact quotient at the smallest scale not
     * below the preferred one, {@code value.scale()}), without the general exact division's
     * precision search, which dominated a backtest's fills.
     */
    static BigDecimal perTenThousand(BigDecimal value) {
        if (value.signum() == 0) {
            return value; // zero at the preferred scale, as divide gives it
        }
        BigDecimal shifted = value.movePointLeft(4).stripTrailingZeros();
        return shifted.scale() < value.scale() ? shifted.setScale(value.scale()) : shifted;
    }

    /** The notional plus its fee: what a buy of this notional costs in the quote coin. */
    public BigDecimal withFee(BigDecimal notional) {
        return notional.add(fee(notional));
    }

    private static void requireNonNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
