package io.botfleet.api.admin;

/** A jar that cannot be deployed; the message says why. Nothing was changed. */
public class BundleRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BundleRefusedException(String message) {
        super(message);
    }

    public BundleRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
