package io.botfleet.api.store;

/** The store could not do what was asked: the database is unreachable, full or corrupt. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
