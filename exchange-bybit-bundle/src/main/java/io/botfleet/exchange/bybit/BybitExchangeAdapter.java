package io.botfleet.exchange.bybit;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.health.HealthTracker;
import io.botfleet.exchange.bybit.mapping.AccountMapper;
import io.botfleet.exchange.bybit.market.CandleHistory;
import io.botfleet.exchange.bybit.market.InstrumentCache;
import io.botfleet.exchange.bybit.order.OrderCanceller;
import io.botfleet.exchange.bybit.order.OrderPlacer;
import io.botfleet.exchange.bybit.order.OrderQueries;
import io.botfleet.exchange.bybit.ratelimit.LimitGroup;
import io.botfleet.exchange.bybit.ratelimit.RateLimiter;
import io.botfleet.exchange.bybit.rest.BybitRestClient;
import io.botfleet.exchange.bybit.rest.QueryString;
import io.botfleet.exchange.bybit.rest.ServerClock;
import io.botfleet.exchange.bybit.sign.BybitSigner;
import io.botfleet.exchange.bybit.ws.KlineStream;
import io.botfleet.exchange.bybit.ws.OrderPoller;
import io.botfleet.exchange.bybit.ws.PrivateStream;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import io.botfleet.api.exchange.AccountStatus;

/**
 * The Bybit V5 adapter for one account: plain Java, usable without OSGi (tests, tools,
 * benchmarks); the DS component {@code BybitAdapterComponent} wraps one per configuration.
 *
 * <p>Threads: one timer thread (rate-limit waits, backoffs, pings, polls), two HTTP threads
 * (JDK {@link HttpClient} callbacks; every returned stage completes on one of them), two
 * worker threads for listener delivery and one reader thread per open stream (public, private).
 * No call blocks its caller. {@link #close()} releases all.
 */
public final class BybitExchangeAdapter implements ExchangeAdapter, AutoCloseable {

    public static final String EXCHANGE_ID = "bybit";
    /** The lateness margin of the candle currency rule, without the clock's uncertainty. */
    public static final long CANDLE_LATENESS_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(BybitExchangeAdapter.class.getName());

    private final BybitSettings settings;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService httpExecutor;
    private final ExecutorService workers;
    private final HealthTracker health;
    private final RateLimiter limiter;
    private final BybitRestClient rest;
    private final InstrumentCache instruments;
    private final CandleHistory candles;
    private final OrderQueries queries;
    private final OrderPlacer placer;
    private final OrderCanceller canceller;
    private final OrderPoller poller;
    private final KlineStream klines;
    private final PrivateStream privateStream;
    private final Set<String> symbols = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public BybitExchangeAdapter(BybitSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        String prefix = "bybit-" + settings.account();
        BybitSigner signer = new BybitSigner(settings.apiKey(), settings.apiSecret());
        this.scheduler = new ScheduledThreadPoolExecutor(1, threads(prefix + "-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.httpExecutor = Executors.newFixedThreadPool(2, threads(prefix + "-http"));
        this.workers = Executors.newFixedThreadPool(2, threads(prefix + "-deliver"));
        HttpClient http = HttpClient.newBuilder()
                .executor(httpExecutor)
                .connectTimeout(settings.tuning().requestTimeout())
                .build();
        this.health = new HealthTracker(settings.tuning().unreachableAfter());
        Map<LimitGroup, Integer> limits = new EnumMap<>(LimitGroup.class);
        limits.put(LimitGroup.ORDER, settings.category().ordersPerSecond());
        limits.put(LimitGroup.PRIVATE, 50);
        limits.put(LimitGroup.PUBLIC, 100); // IP budget is 600 / 5 s; keep well inside it
        this.limiter = new RateLimiter(limits,
                1000 + settings.tuning().rateWindowMargin().toMillis(),
                settings.tuning().requestTimeout().toMillis() + 5000, scheduler);
        ServerClock clock = new ServerClock();
        this.rest = new BybitRestClient(settings, http, signer, clock, limiter, health, scheduler);
        this.instruments = new InstrumentCache(rest, settings.category());
        this.candles = new CandleHistory(rest, settings.category(), clock::now);
        this.queries = new OrderQueries(rest, settings.category());
        this.placer = new OrderPlacer(rest, queries, settings, scheduler);
        this.canceller = new OrderCanceller(rest, queries, settings, scheduler);
        this.klines = new KlineStream(settings, scheduler, workers, candles, clock::now, health,
                ts -> clock.notBefore(ts, System.currentTimeMillis()));
        PrivateStream[] stream = new PrivateStream[1];
        this.poller = new OrderPoller(queries, () -> Set.copyOf(symbols),
                o -> stream[0].deliverPolled(o), e -> stream[0].deliverPolled(e), scheduler,
                settings.tuning().pollInterval(), clock::now);
        this.privateStream = new PrivateStream(settings, scheduler, workers, signer, clock,
                health, poller, () -> rest.syncClock().exceptionally(e -> null));
        stream[0] = privateStream;
        // twice: the first measurement pays for connection set-up and JIT, and a long round trip
        // makes the offset uncertain; the second, on a warm connection, is the one kept
        rest.syncClock().thenCompose(v -> rest.syncClock()).exceptionally(e -> {
            if (closed) {
                return null;
            }
            LOG.log(Level.WARNING, "Bybit clock sync for {0} failed ({1}); using the local clock "
                    + "until the next sync", settings.account(), e.toString());
            return null;
        });
        LOG.log(Level.INFO, "Bybit adapter started: {0}", settings);
    }

    public BybitSettings settings() {
        return settings;
    }

    /** The account's rate limiter (shared by all its bots); exposed for metrics and tests. */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /** The measured offset of Bybit's clock from ours, in ms. */
    public long clockOffsetMillis() {
        return rest.clock().offsetMillis();
    }

    /** Re-measures the offset to Bybit's clock. */
    public CompletionStage<Void> syncClock() {
        return guard(rest::syncClock);
    }

    /** The create body this adapter would send for {@code order} (for benchmarks and tests). */
    public String createBody(OrderRequest order) {
        return placer.body(order).toString();
    }

    @Override
    public String exchangeId() {
        return EXCHANGE_ID;
    }

    @Override
    public String account() {
        return settings.account();
    }

    @Override
    public AccountHealth health() {
        if (closed) {
            return new AccountHealth(AccountStatus.DOWN, "adapter closed");
        }
        return health.health();
    }

    /** Bybit's clock: ours plus the measured offset, moved ahead by any later server time seen. */
    @Override
    public Instant now() {
        return Instant.ofEpochMilli(rest.clock().now());
    }

    /**
     * {@value #CANDLE_LATENESS_SECONDS} s plus the clock's uncertainty: a closed kline is pushed
     * within about a second, and a stream drop is noticed, reconnected and filled from REST within
     * a few seconds.
     */
    @Override
    public Duration candleLateness() {
        return Duration.ofSeconds(CANDLE_LATENESS_SECONDS).plusMillis(rest.clock().uncertaintyMillis());
    }

    @Override
    public CompletionStage<OrderAck> place(OrderRequest order) {
        symbols.add(order.symbol());
        return guard(() -> placer.place(order)).whenComplete((ack, err) -> {
            if (ack != null) {
                poller.track(order.symbol(), order.clientOrderId());
            }
        });
    }

    @Override
    public CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId) {
        symbols.add(symbol);
        return guard(() -> canceller.cancel(symbol, clientOrderId));
    }

    @Override
    public CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol,
                                                                       String clientOrderId) {
        symbols.add(symbol);
        return guard(() -> queries.find(symbol, clientOrderId));
    }

    @Override
    public CompletionStage<List<ExchangeOrder>> openOrders(String symbol) {
        symbols.add(symbol);
        return guard(() -> queries.openOrders(symbol));
    }

    @Override
    public CompletionStage<List<Execution>> executions(String symbol, Instant since) {
        symbols.add(symbol);
        return guard(() -> queries.executions(symbol, since, Instant.ofEpochMilli(rest.clock().now())));
    }

    @Override
    public CompletionStage<List<Balance>> balances() {
        return guard(() -> rest.getPrivate("/v5/account/wallet-balance",
                        QueryString.create().add("accountType", "UNIFIED"))
                .thenApply(AccountMapper::balances));
    }

    @Override
    public CompletionStage<Instrument> instrument(String symbol) {
        return guard(() -> instruments.get(symbol));
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval,
                                                       Instant from, Instant to) {
        return guard(() -> candles.fetch(symbol, interval, from, to));
    }

    @Override
    public Subscription subscribeCandles(String symbol, Interval interval, Instant after,
                                         CandleListener listener) {
        Objects.requireNonNull(listener, "listener");
        return klines.subscribe(symbol, interval, after, listener);
    }

    @Override
    public Subscription subscribeOrders(OrderUpdateListener listener) {
        Objects.requireNonNull(listener, "listener");
        return privateStream.subscribe(listener);
    }

    /** Stops streams, fails waiting calls and releases the threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        klines.close();
        privateStream.close();
        rest.close();
        limiter.shutdown(new ExchangeException(ErrorKind.TRANSIENT, "closed",
                "the Bybit adapter for " + settings.account() + " is closed"));
        scheduler.shutdownNow();
        workers.shutdown();
        httpExecutor.shutdown();
        LOG.log(Level.INFO, "Bybit adapter for {0} closed", settings.account());
    }

    private <T> CompletionStage<T> guard(Supplier<CompletableFuture<T>> call) {
        if (closed) {
            return CompletableFuture.failedFuture(new ExchangeException(ErrorKind.TRANSIENT,
                    "closed", "the Bybit adapter for " + settings.account() + " is closed"));
        }
        try {
            return call.get();
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ExchangeException(ErrorKind.REJECTED, "",
                    "Bybit adapter error: " + e.getMessage()));
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
