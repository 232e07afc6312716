package io.botfleet.persistence.owner;

import io.botfleet.api.store.StoreException;

/**
 * This server may not own the database: another server holds its ownership lock, or the database
 * is recorded for another mode (a cluster). Not a fault that waiting fixes by itself; a server
 * that meets it at start refuses to start.
 */
public final class DatabaseOwnedException extends StoreException {

    private static final long serialVersionUID = 1L;

    public DatabaseOwnedException(String message) {
        super(message);
    }

    public DatabaseOwnedException(String message, Throwable cause) {
        super(message, cause);
    }
}
