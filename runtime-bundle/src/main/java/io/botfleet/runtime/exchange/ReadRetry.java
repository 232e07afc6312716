package io.botfleet.runtime.exchange;

import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.retry.Backoff;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Retries a read (never an order create) after a transient or rate-limited failure, with
 * exponential backoff and jitter (the shared {@link Backoff}: base x2 per attempt, +-50 %, capped
 * at 10 s; a rate limit's own retry-after is waited at least). Each attempt goes
 * through the account's breaker, so an outage opens it rather than being hammered by retries,
 * and a refused attempt ends the retries. No thread waits: delays are timer tasks.
 */
final class ReadRetry {

    static final long MAX_DELAY_MILLIS = 10_000;

    private final AccountBreaker breaker;
    private final ScheduledExecutorService timer;
    private final int retries;
    private final Backoff backoff;

    ReadRetry(AccountBreaker breaker, ScheduledExecutorService timer, BreakerSettings settings) {
        this.breaker = breaker;
        this.timer = timer;
        this.retries = settings.readRetries();
        this.backoff = Backoff.spreadUnder(Math.min(settings.readRetryBackoffMillis(), MAX_DELAY_MILLIS),
                MAX_DELAY_MILLIS, 0.5);
    }

    <T> CompletableFuture<T> read(Supplier<? extends CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, 1, result);
        return result;
    }

    /** One call through the breaker, without retries (order cancel; also each read attempt). */
    <T> CompletableFuture<T> once(Supplier<? extends CompletionStage<T>> call) {
        if (!breaker.tryAcquire()) {
            return CompletableFuture.failedFuture(breaker.refusal());
        }
        long started = System.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((v, failure) -> breaker.record(started, failure)).toCompletableFuture();
    }

    private <T> void attempt(Supplier<? extends CompletionStage<T>> call, int attempt, CompletableFuture<T> result) {
        once(call).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            if (attempt > retries || !FailureClass.retryable(failure)) {
                result.completeExceptionally(failure);
                return;
            }
            ExchangeException e = ExchangeException.find(failure);
            long retryAfter = e != null ? e.retryAfterMillis() : 0;
            if (retryAfter > MAX_DELAY_MILLIS) {
                // a ban (Bybit's 403: 10 min) is not waited out holding a bot's call: fail, the breaker counts it
                result.completeExceptionally(failure);
                return;
            }
            long delay = Math.max(backoff.delayMillis(attempt), retryAfter);
            try {
                timer.schedule(() -> attempt(call, attempt + 1, result), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                result.completeExceptionally(failure);
            }
        });
    }
}
