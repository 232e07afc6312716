package io.botfleet.exchange.bybit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.retry.Backoff;
import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.health.HealthTracker;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import io.botfleet.exchange.bybit.ratelimit.LimitGroup;
import io.botfleet.exchange.bybit.ratelimit.RateLimiter;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Classified;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Failure;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.HealthNote;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.RateLimited;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Resync;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Retry;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Success;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Verdict;
import io.botfleet.exchange.bybit.sign.BybitSigner;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signed, rate-limited, asynchronous calls to Bybit's V5 REST API, returning the envelope's
 * {@code result} or failing with a typed {@link ExchangeException}. What an answer means is
 * {@link ResponseClassifier}'s; this class sends, waits and retries.
 *
 * <p>What it does for every call: waits for a permit of the account's {@link RateLimiter} (without
 * blocking), stamps and signs the exact bytes it sends, reads the {@code X-Bapi-Limit-*} headers,
 * re-syncs the clock and retries once on 10002, waits for the reset and retries on 10006 / HTTP
 * 429, and retries idempotent calls with exponential backoff and jitter after transient failures. A non-idempotent call
 * (order create) is never resent here: a failure after which it may have taken effect completes
 * with {@link ErrorKind#UNKNOWN_OUTCOME} and the caller resolves it by querying the order.
 */
public final class BybitRestClient {

    private static final System.Logger LOG = System.getLogger(BybitRestClient.class.getName());
    private static final int RATE_LIMIT_RETRIES = 3;

    private final BybitSettings settings;
    private final HttpClient http;
    private final BybitSigner signer;
    private final ServerClock clock;
    private final RateLimiter limiter;
    private final HealthTracker health;
    private final ScheduledExecutorService scheduler;
    private final String recvWindow;
    private final boolean plainHttp;
    /** Between retries of an idempotent call: from {@code retryBackoff}, doubling ten times at most. */
    private final Backoff retryBackoff;
    private CompletableFuture<Void> pendingSync;
    private volatile boolean closed;

    public BybitRestClient(BybitSettings settings, HttpClient http, BybitSigner signer,
                           ServerClock clock, RateLimiter limiter, HealthTracker health,
                           ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.http = http;
        this.signer = signer;
        this.clock = clock;
        this.limiter = limiter;
        this.health = health;
        this.scheduler = scheduler;
        this.recvWindow = Long.toString(settings.recvWindow());
        this.plainHttp = "http".equalsIgnoreCase(settings.restUrl().getScheme());
        long first = Math.max(1, settings.tuning().retryBackoff().toMillis());
        this.retryBackoff = Backoff.spread(first, first << 10, 0.5);
    }

    public ServerClock clock() {
        return clock;
    }

    /** An unauthenticated {@code /v5/market/*} GET. */
    public CompletableFuture<JsonNode> getPublic(String path, QueryString query) {
        return execute(new Call("GET", path, query.toString(), null, false, LimitGroup.PUBLIC,
                true));
    }

    /** A signed GET; reads are idempotent and retried after transient failures. */
    public CompletableFuture<JsonNode> getPrivate(String path, QueryString query) {
        return execute(new Call("GET", path, query.toString(), null, true, LimitGroup.PRIVATE,
                true));
    }

    /**
     * A signed POST.
     *
     * @param idempotent false for order create: then a failure that may have happened after Bybit
     *                   executed the request is reported as UNKNOWN_OUTCOME and never retried
     */
    public CompletableFuture<JsonNode> post(String path, ObjectNode body, LimitGroup group,
                                            boolean idempotent) {
        return execute(new Call("POST", path, "", BybitJson.bytes(body), true, group, idempotent));
    }

    /** Measures the offset to Bybit's clock; concurrent callers share one request. */
    public synchronized CompletableFuture<Void> syncClock() {
        if (pendingSync != null && !pendingSync.isDone()) {
            return pendingSync;
        }
        long sentAt = System.currentTimeMillis();
        pendingSync = getPublic("/v5/market/time", QueryString.create()).thenAccept(result -> {
            long receivedAt = System.currentTimeMillis();
            String nanos = BybitJson.text(result, "timeNano");
            long serverMillis = nanos.isEmpty()
                    ? Long.parseLong(BybitJson.text(result, "timeSecond")) * 1000
                    : Long.parseLong(nanos) / 1_000_000;
            clock.update(serverMillis, sentAt, receivedAt);
            LOG.log(Level.DEBUG, "Bybit clock offset for {0}: {1} ms", settings.account(),
                    clock.offsetMillis());
        });
        return pendingSync;
    }

    public void close() {
        closed = true;
    }

    private CompletableFuture<JsonNode> execute(Call call) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        attempt(call, new Attempts(settings.tuning().retries()), result);
        return result;
    }

    private void attempt(Call call, Attempts attempts, CompletableFuture<JsonNode> result) {
        if (closed) {
            result.completeExceptionally(new ExchangeException(ErrorKind.TRANSIENT, "closed",
                    "the Bybit adapter for " + settings.account() + " is closed"));
            return;
        }
        limiter.acquire(call.group)
                .thenCompose(permit -> {
                    try {
                        return http.sendAsync(request(call), HttpResponse.BodyHandlers.ofByteArray())
                                .whenComplete((r, e) -> permit.release()); // finished: arrived
                    } catch (RuntimeException e) {
                        permit.release();
                        throw e;
                    }
                })
                .whenComplete((response, failure) -> {
                    try {
                        if (failure != null) {
                            onFailure(call, attempts, result, unwrap(failure));
                        } else {
                            onResponse(call, attempts, result, response);
                        }
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
    }

    private HttpRequest request(Call call) {
        URI uri = URI.create(settings.restUrl() + call.path
                + (call.query.isEmpty() ? "" : "?" + call.query));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(settings.tuning().requestTimeout())
                .header("Accept", "application/json");
        if (plainHttp) {
            b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain http
        }
        if (call.auth) {
            long ts = clock.now();
            String payload = call.body == null ? call.query
                    : new String(call.body, StandardCharsets.UTF_8);
            b.header("X-BAPI-API-KEY", signer.apiKey())
                    .header("X-BAPI-TIMESTAMP", Long.toString(ts))
                    .header("X-BAPI-RECV-WINDOW", recvWindow)
                    .header("X-BAPI-SIGN-TYPE", "2")
                    .header("X-BAPI-SIGN", signer.signRest(ts, recvWindow, payload));
        }
        if (call.body != null) {
            b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(call.body));
        } else {
            b.GET();
        }
        return b.build();
    }

    private void onFailure(Call call, Attempts attempts, CompletableFuture<JsonNode> result,
                           Throwable cause) {
        if (cause instanceof ExchangeException e) {
            result.completeExceptionally(e);
            return;
        }
        if (cause instanceof RejectedExecutionException || closed) {
            result.completeExceptionally(new ExchangeException(ErrorKind.TRANSIENT, "closed",
                    "the Bybit adapter for " + settings.account() + " is closed"));
            return;
        }
        // Not connected at all: the request never left, so even a create is safe to report as
        // transient (the caller may retry with the same client order id).
        boolean notSent = cause instanceof ConnectException
                || cause instanceof HttpConnectTimeoutException;
        String what = (cause instanceof HttpTimeoutException ? "timeout" : "I/O error "
                + cause.getClass().getSimpleName()) + " on " + call.path;
        if (notSent || cause instanceof HttpTimeoutException) {
            health.unreachable(what);
        } else {
            health.transientFailure(what);
        }
        LOG.log(Level.DEBUG, "Bybit {0} {1}: {2}", call.method, call.path, what);
        if (!call.idempotent && !notSent) {
            result.completeExceptionally(ResponseClassifier.unknownOutcome(cause instanceof HttpTimeoutException
                    ? "timeout" : "io", what, cause));
            return;
        }
        retryOrFail(call, attempts, result, new ExchangeException(ErrorKind.TRANSIENT,
                notSent ? "connect" : "io", what));
    }

    private void onResponse(Call call, Attempts attempts, CompletableFuture<JsonNode> result,
                            HttpResponse<byte[]> response) {
        observeLimitHeaders(call.group, response);
        Classified answer = ResponseClassifier.classify(response.statusCode(), response.body(), call.path,
                call.idempotent);
        if (answer.serverTime() > 0) {
            clock.notBefore(answer.serverTime(), System.currentTimeMillis());
        }
        answer.health().forEach(note -> tellHealth(note, call));
        Verdict verdict = answer.verdict();
        if (verdict instanceof Success success) {
            result.complete(success.result());
        } else if (verdict instanceof Failure failure) {
            result.completeExceptionally(failure.error());
        } else if (verdict instanceof Retry retry) {
            retryOrFail(call, attempts, result, retry.error());
        } else if (verdict instanceof Resync resync) {
            if (attempts.resynced) {
                result.completeExceptionally(resync.error());
                return;
            }
            // the request was refused unread, so resending it (even a create) is safe
            attempts.resynced = true;
            LOG.log(Level.INFO, "Bybit {0}: timestamp outside recv window, re-syncing clock",
                    settings.account());
            syncClock().whenComplete((v, e) -> attempt(call, attempts, result));
        } else if (verdict instanceof RateLimited limited) {
            long wait = 1000;
            if (limited.untilReset()) {
                long reset = resetTimestamp(response);
                wait = Math.max(reset > 0 ? reset - clock.now() + margin() : 1000, 1);
            }
            onRateLimited(call, attempts, result, wait, limited.code());
        }
    }

    private void tellHealth(HealthNote note, Call call) {
        switch (note.health()) {
            case SUCCESS -> health.success(call.auth);
            case REACHABLE -> health.reachable();
            case TRANSIENT -> health.transientFailure(note.detail());
            case AUTH_FAILED -> {
                health.authFailed(note.detail());
                LOG.log(Level.WARNING, "Bybit refused the credentials of account {0} (code {1})",
                        settings.account(), note.detail());
            }
        }
    }

    /** 10006 or 429: the request was not processed; wait for the window to reset, retry. */
    private void onRateLimited(Call call, Attempts attempts, CompletableFuture<JsonNode> result,
                               long waitMillis, String code) {
        limiter.pause(call.group, waitMillis);
        if (attempts.rateLimitRetries-- > 0) {
            LOG.log(Level.DEBUG, "Bybit {0} rate limited ({1}); retrying in {2} ms", call.path, code,
                    waitMillis);
            attempt(call, attempts, result); // the limiter holds it until the pause ends
        } else {
            result.completeExceptionally(new ExchangeException(ErrorKind.RATE_LIMITED, code,
                    "Bybit rate limit hit on " + call.path, waitMillis));
        }
    }

    private void retryOrFail(Call call, Attempts attempts, CompletableFuture<JsonNode> result,
                             ExchangeException failure) {
        if (attempts.retries <= 0 || closed) {
            result.completeExceptionally(failure);
            return;
        }
        // exponential, spread +-50 %: the bots of an account retrying after one blip must not
        // come back in the same instant
        long delay = retryBackoff.delayMillis(attempts.retryNumber + 1);
        attempts.retries--;
        attempts.retryNumber++;
        try {
            scheduler.schedule(() -> attempt(call, attempts, result), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(failure);
        }
    }

    private void observeLimitHeaders(LimitGroup group, HttpResponse<?> response) {
        String remaining = response.headers().firstValue("X-Bapi-Limit-Status").orElse(null);
        if (remaining == null) {
            return;
        }
        try {
            if (Integer.parseInt(remaining.trim()) <= 0) {
                long reset = resetTimestamp(response);
                limiter.pause(group, reset > 0 ? reset - clock.now() + margin() : 1000);
            }
        } catch (NumberFormatException ignored) {
            // a malformed hint is no reason to fail a successful call
        }
    }

    /** Our estimate of Bybit's clock is only so good: resume a little after its reset time. */
    private long margin() {
        return settings.tuning().rateWindowMargin().toMillis() + clock.uncertaintyMillis();
    }

    private static long resetTimestamp(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("X-Bapi-Limit-Reset-Timestamp")
                    .map(s -> Long.parseLong(s.trim())).orElse(0L);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private record Call(String method, String path, String query, byte[] body, boolean auth,
                        LimitGroup group, boolean idempotent) {
    }

    /** Mutable per-call retry state; only touched by one completion at a time. */
    private static final class Attempts {
        int retries;
        int retryNumber;
        int rateLimitRetries = RATE_LIMIT_RETRIES;
        boolean resynced;

        Attempts(int retries) {
            this.retries = retries;
        }
    }
}
