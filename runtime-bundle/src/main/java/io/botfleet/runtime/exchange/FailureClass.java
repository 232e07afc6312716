package io.botfleet.runtime.exchange;

import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;

/**
 * What a failed exchange call means for the account's circuit breaker and for retries.
 *
 * <ul>
 *   <li>{@link #VENUE_TROUBLE}: the exchange could not do its job (network, timeout, 5xx,
 *       rate-limit storm, unknown outcome): counts as a breaker failure; a read may be retried.</li>
 *   <li>{@link #ANSWERED}: the exchange answered and said no (a rejected order, an unknown
 *       order, refused credentials, an unsupported call): proof it is up, so it counts as a
 *       success; never retried. Auth trouble is the account health's business (DOWN), not the
 *       breaker's: probing cannot fix a key.</li>
 *   <li>{@link #NOT_PERMITTED}: refused here by the open breaker, the exchange never saw it:
 *       not recorded at all.</li>
 * </ul>
 */
public enum FailureClass {
    VENUE_TROUBLE, ANSWERED, NOT_PERMITTED;

    /** The error code of a call refused by an open breaker. */
    public static final String CIRCUIT_OPEN = "circuit-open";

    public static FailureClass of(Throwable failure) {
        ExchangeException e = ExchangeException.find(failure);
        if (e == null) {
            // not a typed exchange failure: an adapter bug or a lost connection it did not map
            return VENUE_TROUBLE;
        }
        if (CIRCUIT_OPEN.equals(e.code())) {
            return NOT_PERMITTED;
        }
        return kindCounts(e.kind()) ? VENUE_TROUBLE : ANSWERED;
    }

    static boolean kindCounts(ErrorKind kind) {
        return switch (kind) {
            case TRANSIENT, RATE_LIMITED, UNKNOWN_OUTCOME -> true;
            case REJECTED, AUTH, NOT_FOUND, UNSUPPORTED -> false;
        };
    }
}
