package io.botfleet.cli;

/**
 * A failure botfleetctl reports in one line on stderr, with the exit status that tells a script
 * what kind of failure it was.
 */
public class CtlException extends RuntimeException {

    /** The server answered, and refused: a problem document, or another error status. */
    public static final int REFUSED = 1;
    /** The command line or a file it names is wrong (picocli uses the same status). */
    public static final int USAGE = 2;
    /** The server could not be reached, or did not answer in time. */
    public static final int UNREACHABLE = 3;

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CtlException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
