package io.botfleet.runtime.exchange;

import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.retry.Backoff;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CompletableFuture;

/**
 * The circuit breaker of one exchange account (a Resilience4j {@link CircuitBreaker}, count-based
 * window): every call the runtime makes on the account records its outcome here
 * ({@link FailureClass}). When too many fail, it opens: calls are refused without reaching the
 * exchange, the account's bots are suspended by the listener, and a probe (a cheap read, the
 * account's balances) asks the exchange, after a wait that grows with jitter, whether it is back.
 * Enough successful probes close it, and the listener resumes the bots.
 *
 * <p>Thread-safe; transitions are reported on the thread that caused them (an adapter thread or
 * the probe timer), so the listener must not block.
 */
public final class AccountBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(AccountBreaker.class);
    /** How often an open breaker checks whether its wait is over. */
    static final long PROBE_TICK_MILLIS = 250;

    /** Told about transitions that change whether the account's bots may run. */
    public interface Listener {
        void opened(ExchangeRef account, String reason);

        void closed(ExchangeRef account);
    }

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final ExchangeRef account;
    private final CircuitBreaker breaker;
    private final Supplier<CompletionStage<?>> probe;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private final Clock clock;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong notPermitted = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure = "";
    private volatile String reason = "";
    private volatile Instant since;
    private ScheduledFuture<?> probing;
    private boolean probeInFlight;
    private boolean closedForGood;

    AccountBreaker(ExchangeRef account, BreakerSettings settings, Supplier<CompletionStage<?>> probe,
                   ScheduledExecutorService timer, Listener listener, Clock clock) {
        this.account = account;
        this.probe = probe;
        this.timer = timer;
        this.listener = listener;
        this.clock = clock;
        this.since = clock.instant();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                // first wait, then x2 per failed probe round, +-50 % so accounts do not probe in step
                .waitIntervalFunctionInOpenState(probeWait(settings)::delayMillis)
                // our own timer probes: Resilience4j's automatic transition would start a thread of its own
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build();
        this.breaker = CircuitBreaker.of(account.id() + "/" + account.account(), config);
        breaker.getEventPublisher().onStateTransition(e -> onTransition(e.getStateTransition().getToState()));
    }

    public ExchangeRef account() {
        return account;
    }

    /**
     * One call through the breaker: refused at once while it is open, else sent and its outcome
     * recorded. Never retried here: the adapter is the one retry layer of a call (its own protocol
     * says which failures are safe to send again), so each call counts once, however many
     * requests it took.
     */
    <T> CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> call) {
        if (!tryAcquire()) {
            return CompletableFuture.failedFuture(refusal());
        }
        long started = System.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((v, failure) -> record(started, failure)).toCompletableFuture();
    }

    /** Whether a call may go to the exchange now; when true, its outcome must be recorded. */
    boolean tryAcquire() {
        if (breaker.tryAcquirePermission()) {
            return true;
        }
        notPermitted.incrementAndGet();
        return false;
    }

    /** Records a call's outcome (failure null: success). */
    void record(long startedNanos, Throwable failure) {
        long took = System.nanoTime() - startedNanos;
        FailureClass kind = failure == null ? FailureClass.ANSWERED : FailureClass.of(failure);
        switch (kind) {
            case ANSWERED -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            case VENUE_TROUBLE -> {
                failures.incrementAndGet();
                lastFailure = describe(failure);
                breaker.onError(took, TimeUnit.NANOSECONDS, failure);
            }
            case NOT_PERMITTED -> breaker.releasePermission();
        }
    }

    /** The failure a refused call completes with: the exchange never saw it. */
    ExchangeException refusal() {
        return new ExchangeException(ErrorKind.TRANSIENT, FailureClass.CIRCUIT_OPEN,
                "circuit breaker of exchange account " + name() + " is " + state() + ": call not sent");
    }

    public State state() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> State.CLOSED;
            case HALF_OPEN -> State.HALF_OPEN;
            case OPEN, FORCED_OPEN -> State.OPEN;
        };
    }

    /** Null while closed; otherwise why bots on this account may not run. */
    public String blockedReason() {
        State s = state();
        return s == State.CLOSED ? null : reason;
    }

    public BreakerView view() {
        CircuitBreaker.Metrics m = breaker.getMetrics();
        return new BreakerView(account, state(), since, m.getFailureRate(), m.getNumberOfBufferedCalls(),
                m.getNumberOfFailedCalls(), failures.get(), opened.get(), notPermitted.get(), lastFailure,
                blockedReason());
    }

    /** The account went away: stop probing; nothing is reported any more. */
    synchronized void close() {
        closedForGood = true;
        if (probing != null) {
            probing.cancel(false);
            probing = null;
        }
    }

    // ------------------------------------------------------------------ transitions and probes

    private void onTransition(CircuitBreaker.State to) {
        since = clock.instant();
        synchronized (this) {
            if (closedForGood) {
                return; // the account is gone: late call outcomes must not suspend or resume anything
            }
        }
        State now = state();
        if (now == State.OPEN && to == CircuitBreaker.State.OPEN) {
            boolean first;
            synchronized (this) {
                first = probing == null;
                reason = "exchange account " + name() + ": circuit breaker OPEN after "
                        + Math.round(breaker.getMetrics().getFailureRate()) + "% of recent calls failed (last: "
                        + lastFailure + "); probing, the bots resume by themselves when it closes";
                startProbing();
            }
            if (first) {
                opened.incrementAndGet();
                LOG.warn("{}", reason);
                notify(() -> listener.opened(account, reason));
            }
        } else if (to == CircuitBreaker.State.CLOSED) {
            boolean wasOpen;
            synchronized (this) {
                wasOpen = probing != null;
                if (probing != null) {
                    probing.cancel(false);
                    probing = null;
                }
            }
            if (wasOpen) {
                LOG.info("exchange account {}: circuit breaker CLOSED; resuming its bots", name());
                notify(() -> listener.closed(account));
            }
        }
    }

    private void startProbing() {
        if (probing == null && !closedForGood) {
            probing = timer.scheduleWithFixedDelay(this::tick, PROBE_TICK_MILLIS, PROBE_TICK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** One probe at a time, only when the breaker grants it (its wait is over: HALF_OPEN). */
    private void tick() {
        synchronized (this) {
            if (probeInFlight || closedForGood || state() == State.CLOSED) {
                return;
            }
            if (!breaker.tryAcquirePermission()) {
                return;
            }
            probeInFlight = true;
        }
        long started = System.nanoTime();
        CompletionStage<?> call;
        try {
            call = probe.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((v, failure) -> {
            synchronized (this) {
                probeInFlight = false;
            }
            record(started, failure);
        });
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("circuit breaker listener of {} failed", name(), e);
        }
    }

    private String name() {
        return account.id() + "/" + account.account();
    }

    private static String describe(Throwable failure) {
        ExchangeException e = ExchangeException.find(failure);
        String text = e != null ? e.kind() + (e.code().isEmpty() ? "" : " " + e.code()) + ": " + e.getMessage()
                : String.valueOf(failure);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The wait before each probe round: the first, x2 per failed round up to the cap, +-50 % so accounts do not probe in step. */
    private static Backoff probeWait(BreakerSettings settings) {
        return Backoff.spreadUnder(settings.waitInOpenStateMillis(), settings.maxWaitInOpenStateMillis(), 0.5);
    }
}
