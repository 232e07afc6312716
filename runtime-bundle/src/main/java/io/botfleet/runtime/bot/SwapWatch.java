package io.botfleet.runtime.bot;

/**
 * Watches a freshly swapped-in strategy version: K faults within its first N events trip it,
 * and the owner rolls the swap back. After N clean-enough events it is done and stays quiet.
 */
final class SwapWatch {

    private final int maxFaults;
    private final int window;
    private final Runnable onTripped;
    private int events;
    private int faults;

    SwapWatch(int maxFaults, int window, Runnable onTripped) {
        this.maxFaults = maxFaults;
        this.window = window;
        this.onTripped = onTripped;
    }

    /** Records one event; true exactly once, when the watch trips. */
    boolean record(boolean fault) {
        if (events >= window) {
            return false;
        }
        events++;
        if (fault && ++faults >= maxFaults) {
            events = window;
            return true;
        }
        return false;
    }

    Runnable onTripped() {
        return onTripped;
    }
}
