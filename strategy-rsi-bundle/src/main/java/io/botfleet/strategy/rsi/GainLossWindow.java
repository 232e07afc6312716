package io.botfleet.strategy.rsi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code period + 1} closes in a ring buffer, with exact running sums of the gains
 * and of the losses among their {@code period} close-to-close changes. Each close costs O(1):
 * its change enters one sum, the oldest change leaves one.
 *
 * <p>Cutler's RSI is {@code 100 * avgGain / (avgGain + avgLoss)} with simple averages over the
 * window; the averages' common divisor {@code period} cancels, so
 * {@code RSI = 100 * G / (G + L)} with the sums G and L. Against a threshold T, for G + L &gt; 0:
 * {@code RSI < T  <=>  100 * G < T * (G + L)} (multiplying both sides by the positive G + L),
 * so no division ever rounds. A window without gains is RSI 0, one without losses RSI 100, and
 * one without either has no RSI ({@link RsiZone#UNDEFINED}).
 *
 * <p>Not thread-safe; a strategy instance is only ever called by one bot at a time.
 */
final class GainLossWindow {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final int capacity;
    private final BigDecimal[] ring;
    /** Index the next close is written to; once full, also the oldest close. */
    private int next;
    private int count;
    private BigDecimal gains = BigDecimal.ZERO;
    private BigDecimal losses = BigDecimal.ZERO;

    GainLossWindow(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + period);
        }
        this.capacity = period + 1;
        this.ring = new BigDecimal[capacity];
    }

    /** Adds the newest close; once full, the oldest change leaves the sums. */
    void add(BigDecimal close) {
        if (count > 0) {
            count(close.subtract(ring[Math.floorMod(next - 1, capacity)]), 1);
        }
        if (count == capacity) {
            BigDecimal oldest = ring[next];
            BigDecimal secondOldest = ring[(next + 1) % capacity];
            count(secondOldest.subtract(oldest), -1);
        } else {
            count++;
        }
        ring[next] = close;
        next = next + 1 == capacity ? 0 : next + 1;
    }

    private void count(BigDecimal change, int direction) {
        int sign = change.signum();
        if (sign > 0) {
            gains = direction > 0 ? gains.add(change) : gains.subtract(change);
        } else if (sign < 0) {
            BigDecimal loss = change.negate();
            losses = direction > 0 ? losses.add(loss) : losses.subtract(loss);
        }
    }

    /** True once the window holds {@code period} changes, i.e. the RSI can be read. */
    boolean full() {
        return count == capacity;
    }

    /** Where the RSI stands against the thresholds; only meaningful when {@link #full()}. */
    RsiZone zone(BigDecimal lower, BigDecimal upper) {
        BigDecimal moved = gains.add(losses);
        if (moved.signum() == 0) {
            return RsiZone.UNDEFINED;
        }
        BigDecimal scaledGains = gains.multiply(HUNDRED); // RSI * (G + L)
        if (scaledGains.compareTo(lower.multiply(moved)) < 0) {
            return RsiZone.BELOW;
        }
        if (scaledGains.compareTo(upper.multiply(moved)) > 0) {
            return RsiZone.ABOVE;
        }
        return RsiZone.BETWEEN;
    }

    /** The closes in the window, oldest first (at most {@code period + 1}). */
    List<BigDecimal> closes() {
        List<BigDecimal> closes = new ArrayList<>(count);
        int oldest = count == capacity ? next : 0;
        for (int i = 0; i < count; i++) {
            closes.add(ring[(oldest + i) % capacity]);
        }
        return closes;
    }
}
