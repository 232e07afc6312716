package io.botfleet.api.exchange;

/** How the runtime must react to a failed exchange call. */
public enum ErrorKind {
    /** Network trouble or a server error before the request took effect: retry with backoff. */
    TRANSIENT,
    /** Too many requests: retry after {@link ExchangeException#retryAfterMillis()}. */
    RATE_LIMITED,
    /** The exchange refused the request for a business reason (balance, size...): do not retry. */
    REJECTED,
    /** Bad or missing credentials or permission: the account is DOWN, do not retry. */
    AUTH,
    /**
     * A state-changing call may or may not have taken effect (timeout, connection lost, 5xx):
     * resolve it by querying the client order id, never by resending blindly.
     */
    UNKNOWN_OUTCOME,
    /** The order or object does not exist on the exchange. */
    NOT_FOUND,
    /** The adapter does not offer this call. */
    UNSUPPORTED
}
