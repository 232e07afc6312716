package io.botfleet.runtime.recovery;

import io.botfleet.api.cluster.LeaseLostException;

/**
 * Tells a journal write refused because this node lost the bot's lease (cluster mode) from the
 * other store failures: waiting would not cure it (another node runs the bot now), so the bot
 * stands down instead of suspending until the database takes its writes.
 */
public final class LeaseLoss {

    private LeaseLoss() {
    }

    /** The {@link LeaseLostException} in {@code failure}'s causes, or null. */
    public static LeaseLostException of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LeaseLostException lost) {
                return lost;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
