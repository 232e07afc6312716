package io.botfleet.strategy.sma;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last {@code slow} closes in a ring buffer, with exact running sums of the last
 * {@code fast} and of all {@code slow} of them. Each close costs O(1): one value enters both
 * sums, at most one leaves each.
 *
 * <p>Sums are exact decimals: adding and subtracting decimals is exact, so a sum never drifts
 * from the true sum of its window however long the stream runs. A {@code double} sum would, and
 * drift turns an exact tie of the two averages (common in flat markets) into a spurious
 * crossover, or moves a real one by a bar.
 *
 * <p>The sums are kept as unscaled {@code long}s at one scale (the most fraction digits of any
 * close seen), which is the same exact arithmetic without an object per step: a backtest adds
 * millions of closes. A close or sum that does not fit a {@code long} at that scale switches the
 * window to {@link BigDecimal} sums for good (no real price comes near it).
 *
 * <p>Not thread-safe; a strategy instance is only ever called by one bot at a time.
 */
final class MovingSums {

    private static final int MAX_SCALE = 18;
    private static final int SEEN_SLOTS = 256;

    private final int fast;
    private final int slow;
    /** The closes as given: what a snapshot writes. */
    private final BigDecimal[] ring;
    /** The same closes unscaled at {@link #scale}, while {@link #wide} is false. */
    private final long[] units;
    /** Index the next close is written to; once full, also the oldest close. */
    private int next;
    private int count;
    private int scale = Integer.MIN_VALUE;
    private long fastUnits;
    private long slowUnits;
    /**
     * Closes seen lately and their unscaled values at {@link #scale}, by {@link BigDecimal#hashCode}
     * (direct-mapped): prices recur all the time, and a hit costs no object, where finding the
     * unscaled value of a decimal makes one. Emptied when the scale changes.
     */
    private final BigDecimal[] seen = new BigDecimal[SEEN_SLOTS];
    private final long[] seenUnits = new long[SEEN_SLOTS];
    /** Sums in {@link BigDecimal}, once a value did not fit a long; null until then. */
    private BigDecimal fastWide;
    private BigDecimal slowWide;

    MovingSums(int fast, int slow) {
        if (fast < 1 || fast >= slow) {
            throw new IllegalArgumentException("need 1 <= fast < slow, got " + fast + "/" + slow);
        }
        this.fast = fast;
        this.slow = slow;
        this.ring = new BigDecimal[slow];
        this.units = new long[slow];
    }

    /** Adds the newest close, dropping the one that falls out of each window. */
    void add(BigDecimal close) {
        int leavingFast = Math.floorMod(next - fast, slow);
        boolean fastFull = count >= fast;
        boolean slowFull = count == slow;
        if (fastWide == null && !addUnits(close, fastFull, leavingFast, slowFull)) {
            widen();
        }
        if (fastWide != null) {
            if (fastFull) {
                fastWide = fastWide.subtract(ring[leavingFast]);
            }
            if (slowFull) {
                slowWide = slowWide.subtract(ring[next]);
            }
            fastWide = fastWide.add(close);
            slowWide = slowWide.add(close);
        }
        if (!slowFull) {
            count++;
        }
        ring[next] = close;
        next = next + 1 == slow ? 0 : next + 1;
    }

    /** The long form of {@link #add}'s sums; false (nothing changed) when a value does not fit. */
    private boolean addUnits(BigDecimal close, boolean fastFull, int leavingFast, boolean slowFull) {
        try {
            if (close.scale() > scale && !rescale(close.scale())) {
                return false;
            }
            long u = units(close);
            long f = Math.addExact(fastFull ? fastUnits - units[leavingFast] : fastUnits, u);
            long s = Math.addExact(slowFull ? slowUnits - units[next] : slowUnits, u);
            fastUnits = f;
            slowUnits = s;
            units[next] = u;
            return true;
        } catch (ArithmeticException tooLong) {
            return false;
        }
    }

    /** {@code close} unscaled at {@link #scale}, exactly; throws when it does not fit a long. */
    private long units(BigDecimal close) {
        int slot = close.hashCode() & (SEEN_SLOTS - 1);
        BigDecimal known = seen[slot];
        if (known != null && known.equals(close)) { // equals: the same value at the same scale
            return seenUnits[slot];
        }
        // exact: the scale is at least the close's, and a long that does not fit throws
        long u = close.movePointRight(scale).longValueExact();
        seen[slot] = close;
        seenUnits[slot] = u;
        return u;
    }

    /** Moves the unscaled values to a larger scale; false when one would not fit. */
    private boolean rescale(int newScale) {
        if (newScale > MAX_SCALE) {
            return false;
        }
        Arrays.fill(seen, null); // their unscaled values are at the old scale
        if (count == 0 || scale == Integer.MIN_VALUE) {
            scale = newScale;
            return true;
        }
        long factor = BigDecimal.ONE.movePointRight(newScale - scale).longValueExact();
        long[] moved = new long[slow];
        for (int i = 0; i < slow; i++) {
            moved[i] = Math.multiplyExact(units[i], factor);
        }
        long f = Math.multiplyExact(fastUnits, factor);
        long s = Math.multiplyExact(slowUnits, factor);
        System.arraycopy(moved, 0, units, 0, slow);
        fastUnits = f;
        slowUnits = s;
        scale = newScale;
        return true;
    }

    /** From now on the sums are decimals, from the closes in the window. */
    private void widen() {
        fastWide = BigDecimal.ZERO;
        slowWide = BigDecimal.ZERO;
        List<BigDecimal> closes = closes();
        for (int i = 0; i < closes.size(); i++) {
            slowWide = slowWide.add(closes.get(i));
            if (i >= closes.size() - fast) {
                fastWide = fastWide.add(closes.get(i));
            }
        }
    }

    /** True once both averages are defined, i.e. {@code slow} closes have been seen. */
    boolean full() {
        return count == slow;
    }

    /**
     * The sign of {@code fastAverage - slowAverage}: compared as
     * {@code fastSum * slow} against {@code slowSum * fast}, so no division ever rounds.
     * Only meaningful when {@link #full()}.
     */
    int fastVersusSlow() {
        if (fastWide != null) {
            return fastWide.multiply(BigDecimal.valueOf(slow)).compareTo(slowWide.multiply(BigDecimal.valueOf(fast)));
        }
        // both products exactly, in 128 bits: high words signed, low words unsigned
        long fastHigh = Math.multiplyHigh(fastUnits, slow);
        long slowHigh = Math.multiplyHigh(slowUnits, fast);
        if (fastHigh != slowHigh) {
            return fastHigh < slowHigh ? -1 : 1;
        }
        return Integer.signum(Long.compareUnsigned(fastUnits * slow, slowUnits * fast));
    }

    /** The closes in the window, oldest first (at most {@code slow}). */
    List<BigDecimal> closes() {
        List<BigDecimal> closes = new ArrayList<>(count);
        int oldest = count == slow ? next : 0;
        for (int i = 0; i < count; i++) {
            closes.add(ring[(oldest + i) % slow]);
        }
        return closes;
    }
}
