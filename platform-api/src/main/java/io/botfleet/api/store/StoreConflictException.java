package io.botfleet.api.store;

/**
 * A write conflicts with what is stored: a duplicate key, a stale optimistic-lock version, an
 * artifact of the same name and version with other content. Nothing was written.
 */
public class StoreConflictException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreConflictException(String message) {
        super(message);
    }
}
