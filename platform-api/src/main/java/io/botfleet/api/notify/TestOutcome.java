package io.botfleet.api.notify;

/**
 * What a test message got.
 *
 * @param delivered  whether the receiver accepted it (2xx)
 * @param status     the HTTP status, or 0 when no answer came
 * @param detail     the error or the answer's start, for operators
 * @param millis     how long it took
 */
public record TestOutcome(boolean delivered, int status, String detail, long millis) {
}
