package io.botfleet.api.admin;

import io.botfleet.api.bot.ExchangeRef;
import java.time.Instant;

/**
 * One exchange account's circuit breaker, as the API, readiness and metrics show it.
 *
 * @param account           the exchange account
 * @param state             CLOSED, OPEN or HALF_OPEN
 * @param since             when it entered that state
 * @param failureRate       % of the calls in the window that failed; -1 until enough calls are recorded
 * @param bufferedCalls     calls in the window
 * @param failedCalls       failed calls in the window
 * @param failuresTotal     failures recorded since the account appeared
 * @param openedTotal       times it opened
 * @param notPermittedTotal calls refused while open (never sent)
 * @param lastFailure       the last failure recorded, for operators
 * @param blockedReason     why bots on the account are suspended; null while CLOSED
 */
public record CircuitBreakerView(ExchangeRef account, State state, Instant since, float failureRate,
                                 int bufferedCalls, int failedCalls, long failuresTotal, long openedTotal,
                                 long notPermittedTotal, String lastFailure, String blockedReason) {

    /** The breaker's states. */
    public enum State { CLOSED, OPEN, HALF_OPEN }
}
