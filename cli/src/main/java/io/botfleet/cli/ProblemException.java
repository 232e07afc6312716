package io.botfleet.cli;

/**
 * The server refused a request: its status, and the {@code detail} of its problem document (RFC
 * 9457) or, from something that is not Botfleet (a proxy), a short description of what came back.
 */
public final class ProblemException extends CtlException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    public ProblemException(int status, String message, String body) {
        super(REFUSED, message);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The response body as it came (printed as is with --json). */
    public String body() {
        return body;
    }
}
