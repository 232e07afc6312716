package io.botfleet.exchange.bybit.fake;

/**
 * A fault the fake server applies to the next request on a path.
 *
 * @param kind   what happens
 * @param code   HTTP status or retCode
 * @param millis delay for {@link Kind#DELAY_AFTER_EXECUTE}
 */
public record Fault(Kind kind, int code, long millis) {

    public enum Kind {
        /** Answer with this HTTP status without executing the request. */
        HTTP_STATUS,
        /** Answer HTTP 200 with this retCode without executing the request. */
        RET_CODE,
        /** Execute the request, then close the connection without answering. */
        DROP_AFTER_EXECUTE,
        /** Execute the request, then answer only after {@code millis} (past the client timeout). */
        DELAY_AFTER_EXECUTE,
        /** Execute the request, then answer HTTP {@code code} (a 5xx from a proxy after the fact). */
        HTTP_STATUS_AFTER_EXECUTE,
        /** Answer OK with an empty list (a replica that has not seen the latest orders yet). */
        EMPTY_LIST
    }

    public static Fault emptyList() {
        return new Fault(Kind.EMPTY_LIST, 0, 0);
    }

    public static Fault http(int status) {
        return new Fault(Kind.HTTP_STATUS, status, 0);
    }

    public static Fault retCode(int retCode) {
        return new Fault(Kind.RET_CODE, retCode, 0);
    }

    public static Fault dropAfterExecute() {
        return new Fault(Kind.DROP_AFTER_EXECUTE, 0, 0);
    }

    public static Fault delayAfterExecute(long millis) {
        return new Fault(Kind.DELAY_AFTER_EXECUTE, 0, millis);
    }

    public static Fault httpAfterExecute(int status) {
        return new Fault(Kind.HTTP_STATUS_AFTER_EXECUTE, status, 0);
    }
}
