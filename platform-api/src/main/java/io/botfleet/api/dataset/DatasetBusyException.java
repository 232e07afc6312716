package io.botfleet.api.dataset;

/** A change of a dataset refused because a download into it is running (the HTTP face answers 409). */
public final class DatasetBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetBusyException(String message) {
        super(message);
    }
}
