package ${package};

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last {@code capacity} closes, newest last. Looking back over at most 1000 closes per
 * candle is cheap enough; a strategy over longer windows would keep running extremes instead.
 */
final class ClosesWindow {

    private final int capacity;
    private final ArrayDeque<BigDecimal> closes;

    ClosesWindow(int capacity) {
        this.capacity = capacity;
        this.closes = new ArrayDeque<>(capacity);
    }

    void add(BigDecimal close) {
        if (closes.size() == capacity) {
            closes.removeFirst();
        }
        closes.addLast(close);
    }

    int size() {
        return closes.size();
    }

    /** True when {@code close} is strictly above each of the newest {@code count} closes. */
    boolean isAboveAll(BigDecimal close, int count) {
        Iterator<BigDecimal> newestFirst = closes.descendingIterator();
        for (int i = 0; i < count && newestFirst.hasNext(); i++) {
            if (close.compareTo(newestFirst.next()) <= 0) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code close} is strictly below each of the newest {@code count} closes. */
    boolean isBelowAll(BigDecimal close, int count) {
        Iterator<BigDecimal> newestFirst = closes.descendingIterator();
        for (int i = 0; i < count && newestFirst.hasNext(); i++) {
            if (close.compareTo(newestFirst.next()) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Oldest first. */
    List<BigDecimal> closes() {
        return new ArrayList<>(closes);
    }
}
