package io.botfleet.api.exchange;

import java.util.Objects;

/**
 * A failed exchange call. Futures returned by {@link ExchangeAdapter} complete exceptionally with
 * this type (possibly wrapped in a {@code CompletionException}). Messages never contain secrets.
 */
public class ExchangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final ErrorKind kind;
    private final String code;
    private final long retryAfterMillis;

    /**
     * @param kind             how to react
     * @param code             the exchange's own error code, or an empty string
     * @param message          what happened, for operators
     * @param retryAfterMillis for RATE_LIMITED, how long to wait; otherwise 0
     */
    public ExchangeException(ErrorKind kind, String code, String message, long retryAfterMillis) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code == null ? "" : code;
        this.retryAfterMillis = Math.max(0, retryAfterMillis);
    }

    public ExchangeException(ErrorKind kind, String code, String message) {
        this(kind, code, message, 0);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The exchange's error code (Bybit's {@code retCode}, an HTTP status...), or empty. */
    public String code() {
        return code;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** Finds an {@code ExchangeException} in a throwable's cause chain, or returns null. */
    public static ExchangeException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExchangeException e) {
                return e;
            }
        }
        return null;
    }
}
