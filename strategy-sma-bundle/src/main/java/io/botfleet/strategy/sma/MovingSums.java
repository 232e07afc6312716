package io.botfleet.strategy.sma;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code slow} closes in a ring buffer, with exact running sums of the last
 * {@code fast} and of all {@code slow} of them. Each close costs O(1): one value enters both
 * sums, at most one leaves each.
 *
 * <p>Sums are {@link BigDecimal}: adding and subtracting decimals is exact, so a sum never
 * drifts from the true sum of its window however long the stream runs. A {@code double} sum
 * would, and drift turns an exact tie of the two averages (common in flat markets) into a
 * spurious crossover, or moves a real one by a bar.
 *
 * <p>Not thread-safe; a strategy instance is only ever called by one bot at a time.
 */
final class MovingSums {

    private final int fast;
    private final int slow;
    private final BigDecimal fastLength;
    private final BigDecimal slowLength;
    private final BigDecimal[] ring;
    /** Index the next close is written to; once full, also the oldest close. */
    private int next;
    private int count;
    private BigDecimal fastSum = BigDecimal.ZERO;
    private BigDecimal slowSum = BigDecimal.ZERO;

    MovingSums(int fast, int slow) {
        if (fast < 1 || fast >= slow) {
            throw new IllegalArgumentException("need 1 <= fast < slow, got " + fast + "/" + slow);
        }
        this.fast = fast;
        this.slow = slow;
        this.fastLength = BigDecimal.valueOf(fast);
        this.slowLength = BigDecimal.valueOf(slow);
        this.ring = new BigDecimal[slow];
    }

    /** Adds the newest close, dropping the one that falls out of each window. */
    void add(BigDecimal close) {
        if (count >= fast) {
            fastSum = fastSum.subtract(ring[Math.floorMod(next - fast, slow)]);
        }
        if (count == slow) {
            slowSum = slowSum.subtract(ring[next]);
        } else {
            count++;
        }
        ring[next] = close;
        fastSum = fastSum.add(close);
        slowSum = slowSum.add(close);
        next = next + 1 == slow ? 0 : next + 1;
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
        return fastSum.multiply(slowLength).compareTo(slowSum.multiply(fastLength));
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
