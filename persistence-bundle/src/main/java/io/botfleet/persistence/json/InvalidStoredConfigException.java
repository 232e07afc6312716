package io.botfleet.persistence.json;

/** A stored bot configuration that no longer parses or validates; the message says why. */
public final class InvalidStoredConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidStoredConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidStoredConfigException(String message) {
        super(message);
    }
}
