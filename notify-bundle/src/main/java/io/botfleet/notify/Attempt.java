package io.botfleet.notify;

/**
 * What one delivery attempt got.
 *
 * @param status          the HTTP status, or 0 when no answer came (refused, timed out, reset)
 * @param retryAfterMillis what the receiver asked to wait ({@code Retry-After}, Telegram's
 *                        {@code retry_after}), or -1
 * @param detail          the error or the answer's start, for operators
 * @param millis          how long the attempt took
 */
record Attempt(int status, long retryAfterMillis, String detail, long millis) {

    boolean delivered() {
        return status >= 200 && status < 300;
    }

    /**
     * A refusal retrying cannot change: a 4xx other than 408 (timeout), 425 (too early) and 429
     * (too many requests). Retrying it for a day would hold back every later message of the target.
     */
    boolean permanent() {
        return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
    }

    String describe() {
        return status == 0 ? detail : "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }
}
