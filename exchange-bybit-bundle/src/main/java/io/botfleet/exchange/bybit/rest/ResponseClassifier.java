package io.botfleet.exchange.bybit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one answer of Bybit's V5 REST API means for the call that got it: its result, a failure
 * (typed by the contract's {@link ErrorKind}), a retry, a clock re-sync or a rate-limit wait, and
 * what it says of the venue's health. Pure: no I/O, no clock, no state, so every status and
 * {@code retCode} the client handles is one row of a table test. Sending, waiting and retrying are
 * {@link BybitRestClient}'s.
 */
public final class ResponseClassifier {

    /** How long Bybit bans an IP after HTTP 403 (documented: 10 minutes or more). */
    static final long IP_BAN_MILLIS = TimeUnit.MINUTES.toMillis(10);

    /** What the client does with the call. */
    public sealed interface Verdict {
    }

    /** The call succeeded: {@code result} is the envelope's {@code result}. */
    public record Success(JsonNode result) implements Verdict {
    }

    /** The call failed for good (or its outcome is unknown: a create is never resent). */
    public record Failure(ExchangeException error) implements Verdict {
    }

    /** A transient failure of an idempotent call: resend after a backoff, or fail with {@code error} once retries are spent. */
    public record Retry(ExchangeException error) implements Verdict {
    }

    /**
     * 10002, the timestamp outside the receive window: the request was refused unread, so re-sync
     * the clock and resend it once (even a create); fail with {@code error} if that was done already.
     */
    public record Resync(ExchangeException error) implements Verdict {
    }

    /**
     * 10006 or HTTP 429: the request was not processed; wait, then resend.
     *
     * @param untilReset wait until the {@code X-Bapi-Limit-Reset-Timestamp} the answer carries
     *                   (else one second)
     */
    public record RateLimited(String code, boolean untilReset) implements Verdict {
    }

    /** What an answer says of the venue, in the terms of the adapter's health tracker. */
    public enum Health {
        /** an answer that was no error: the venue works (and the credentials, for a signed call) */
        SUCCESS,
        /** a business error: the venue is reachable */
        REACHABLE,
        /** a 5xx, 10016, an unparseable body, an IP ban */
        TRANSIENT,
        /** the credentials were refused */
        AUTH_FAILED
    }

    /** @param detail what the tracker records (the failure, or the refused code) */
    public record HealthNote(Health health, String detail) {
    }

    /**
     * @param verdict    what to do with the call
     * @param health     what to tell the health tracker, in order
     * @param serverTime Bybit's clock in the envelope's {@code time}, in ms (0: none)
     */
    public record Classified(Verdict verdict, List<HealthNote> health, long serverTime) {
    }

    private ResponseClassifier() {
    }

    /**
     * @param status     the HTTP status
     * @param body       the response body
     * @param path       the endpoint, for messages
     * @param idempotent false for an order create: a failure after which it may have taken effect
     *                   is then an unknown outcome, never a retry
     */
    public static Classified classify(int status, byte[] body, String path, boolean idempotent) {
        if (status >= 500) {
            String what = "HTTP " + status + " on " + path;
            return transientFailure("http-" + status, what, idempotent, 0, null);
        }
        if (status == 401) {
            return new Classified(new Failure(new ExchangeException(ErrorKind.AUTH, "http-401",
                    "Bybit refused the credentials on " + path + " (HTTP 401)")),
                    List.of(new HealthNote(Health.AUTH_FAILED, "HTTP 401")), 0);
        }
        if (status == 403) {
            // the IP budget (600 requests / 5 s) is spent and the IP is banned for a while
            return new Classified(new Failure(new ExchangeException(ErrorKind.RATE_LIMITED, "http-403",
                    "Bybit blocked this IP for exceeding its request limit (HTTP 403)", IP_BAN_MILLIS)),
                    List.of(new HealthNote(Health.TRANSIENT, "HTTP 403 (IP rate limit)")), 0);
        }
        if (status == 429) {
            return new Classified(new RateLimited("http-429", false), List.of(), 0);
        }
        if (status != 200) {
            return new Classified(new Failure(new ExchangeException(ErrorKind.REJECTED, "http-" + status,
                    "Bybit answered HTTP " + status + " on " + path
                            + (status == 404 ? " (wrong path: check restUrl)" : ""))),
                    List.of(new HealthNote(Health.REACHABLE, "")), 0);
        }
        JsonNode root;
        try {
            root = BybitJson.parse(body);
        } catch (UncheckedIOException e) {
            return transientFailure("parse", "unparseable response on " + path, idempotent, 0, e);
        }
        long serverTime = Math.max(0, root.path("time").asLong(0));
        int retCode = root.path("retCode").asInt(-1);
        if (retCode == RetCodes.OK) {
            return new Classified(new Success(root.path("result")), List.of(new HealthNote(Health.SUCCESS, "")),
                    serverTime);
        }
        HealthNote reachable = new HealthNote(Health.REACHABLE, "");
        String retMsg = root.path("retMsg").asText("");
        ExchangeException error = RetCodes.toException(retCode, retMsg, path, 0);
        return switch (retCode) {
            case RetCodes.TIMESTAMP_OUT_OF_WINDOW -> new Classified(new Resync(error), List.of(reachable), serverTime);
            case RetCodes.RATE_LIMITED -> new Classified(new RateLimited("10006", true), List.of(reachable), serverTime);
            case RetCodes.SERVER_ERROR -> {
                String what = "retCode 10016 on " + path;
                Classified failed = transientFailure("10016", what, idempotent, serverTime, null);
                yield new Classified(idempotent ? new Retry(error) : failed.verdict(),
                        List.of(reachable, new HealthNote(Health.TRANSIENT, what)), serverTime);
            }
            default -> new Classified(new Failure(error), RetCodes.isAuth(retCode)
                    ? List.of(reachable, new HealthNote(Health.AUTH_FAILED, Integer.toString(retCode)))
                    : List.of(reachable), serverTime);
        };
    }

    /** A failure after which the request may have been executed: retried if idempotent, else an unknown outcome. */
    private static Classified transientFailure(String code, String what, boolean idempotent, long serverTime,
                                               Throwable cause) {
        Verdict verdict = idempotent ? new Retry(new ExchangeException(ErrorKind.TRANSIENT, code, what))
                : new Failure(unknownOutcome(code, what, cause));
        return new Classified(verdict, List.of(new HealthNote(Health.TRANSIENT, what)), serverTime);
    }

    /** The failure of a call that may have taken effect: the caller resolves it by querying. */
    static ExchangeException unknownOutcome(String code, String what, Throwable cause) {
        ExchangeException e = new ExchangeException(ErrorKind.UNKNOWN_OUTCOME, code, "outcome unknown: " + what);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
