package io.botfleet.runtime.recovery;

import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoreException;

/**
 * Tells a persistence fault (the database unreachable, full, or too slow to take the writes) from
 * the other reasons a journal write or a recovery read fails. A persistence fault is the
 * environment's, not the bot's: the bot suspends until the database takes writes again (see
 * {@link PersistenceOutage}) instead of failing and using up the watchdog's restarts.
 */
public final class PersistenceFault {

    private PersistenceFault() {
    }

    /**
     * True when {@code failure} or one of its causes is a {@link StoreException}, except a
     * conflict: a conflict (a client order id already stored) is a bug that waiting would not
     * cure, so it fails the bot where an operator sees it. Invalid arguments are not store
     * exceptions, so they fail the bot too.
     */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoreConflictException) {
                return false;
            }
            if (t instanceof StoreException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
