package io.botfleet.launcher;

/**
 * A problem the operator fixes (a port in use, a bad variable, a missing folder): reported as one
 * line saying what to change, without a stack trace.
 */
final class LaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
