package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.api.sim.MarketFillModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A simulated exchange account: the embedded default venue and the backtest engine. It replays
 * a candle file or a seeded synthetic walk, fills orders against those candles and keeps its
 * orders, fills and balances in a durable journal. Usable without OSGi:
 *
 * <pre>
 * try (PaperExchange paper = new PaperExchange(Map.of(
 *         "account", "test", "balance.BTC", "1", "feeBps", "0",
 *         "replay.file", "/path/to/ETH_BTC-1m.csv", "replay.symbol", "ETHBTC"),
 *         tempDir.resolve("paper/test"))) { ... }
 * </pre>
 *
 * <p><b>Threads.</b> One scheduler thread per account does everything: delivering candles,
 * deciding and journaling orders, answering queries. No call blocks its caller; every stage
 * completes on that thread, in the order the calls were made. Listeners are called on it too.
 *
 * <p><b>Market orders</b> fill at the close of the latest candle delivered for their symbol
 * (the one whose signal produced them), moved by {@code slippageBps} against the order and
 * rounded against it to the tick; the fee ({@code feeBps} of notional) is charged in the quote
 * coin. The execution and the FILLED update reach the order listeners before {@link #place}'s
 * stage completes. <b>Limit orders</b> rest (locking their funds) and fill at their own price
 * when a later candle reaches it (low &le; price for a buy, high &ge; price for a sell), checked
 * before that candle goes to the candle listeners.
 *
 * <p><b>Time.</b> Orders and executions carry market time: the close time of the latest candle
 * of their symbol (the wall clock only before any candle). {@link #executions} answers
 * {@code since} in market time or in wall-clock time, whichever includes more.
 */
public final class PaperExchange implements ExchangeAdapter, AutoCloseable {

    /** The {@code exchange.id} of every paper account. */
    public static final String EXCHANGE_ID = "paper";
    /**
     * The ConfigAdmin factory PID of paper accounts: configuration {@code <pid>~<account>},
     * made by FileInstall from {@code etc/<pid>-<account>.cfg}.
     */
    public static final String FACTORY_PID = "io.botfleet.exchange.paper";
    /** Largest page {@link #candleHistory} returns. */
    public static final int HISTORY_PAGE = 1000;
    /** How often an unreadable replay file is tried again. */
    static final long RELOAD_SECONDS = 10;

    private static final System.Logger LOG = System.getLogger(PaperExchange.class.getName());

    private final PaperConfig config;
    private final ScheduledThreadPoolExecutor executor;
    private final Journal journal;
    private final Account account;
    private final OrderDesk desk;
    /** Replaced once when a replay file that could not be read becomes readable. */
    private volatile Instruments instruments;
    /** Null while the replay file cannot be read; then subscribers wait in {@link #waiting}. */
    private volatile CandleStream stream;
    private final List<Waiting> waiting = new ArrayList<>();
    private ScheduledFuture<?> reload;
    private final List<OrderUpdateListener> orderListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Candle> lastCandles = new HashMap<>();
    private volatile AccountHealth health = AccountHealth.up();
    private volatile boolean closed;
    /** The replay's clock: the close of the latest candle delivered (null before the first). */
    private volatile Instant marketClock;

    /**
     * Opens an account from configuration keys (as in the {@code .cfg} file); a relative
     * {@code replay.file} is resolved against the working directory.
     *
     * @param configuration the keys of the module README; values as strings or numbers
     * @param accountDir    the account's own folder for its journal, created if missing
     *                      (the OSGi component uses {@code <botfleet.home>/data/paper/<account>})
     * @throws PaperConfigException  naming the key when the configuration is invalid
     * @throws UncheckedIOException  when the journal cannot be opened, read or is in use
     * @throws IllegalStateException when the journal holds a line that cannot be read
     */
    public PaperExchange(Map<String, ?> configuration, Path accountDir) {
        this(PaperConfig.parse(configuration, Path.of("")), accountDir);
    }

    /** Opens an account from a parsed configuration; see {@link #PaperExchange(Map, Path)}. */
    PaperExchange(PaperConfig config, Path accountDir) {
        this.config = config;
        CandleSeries series = loadSeries(config.source(), false);
        this.instruments = new Instruments(config.instrumentRules(), config.source().symbol(),
                series == null ? null : series.tickSize());
        MarketFillModel fills = new MarketFillModel(config.feeBps(), config.slippageBps());
        this.account = new Account(fills);
        this.journal = openJournal(accountDir, config);
        this.desk = new OrderDesk(account, fills, this::record);
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "botfleet-paper-" + config.account());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        if (series != null) {
            this.stream = new CandleStream(series, config.source().speed(), executor,
                    this::beforeDelivery, config.account());
        } else {
            // the file may appear later (copied after the configuration): keep trying
            this.reload = executor.scheduleWithFixedDelay(this::retryReplay, RELOAD_SECONDS,
                    RELOAD_SECONDS, TimeUnit.SECONDS);
        }
    }

    private CandleSeries loadSeries(MarketSource source, boolean retry) {
        if (source instanceof MarketSource.Synthetic synthetic) {
            return new SyntheticSeries(synthetic);
        }
        MarketSource.Replay replay = (MarketSource.Replay) source;
        try {
            CsvCandles.Result result = CsvCandles.read(replay.file(), replay.symbol(),
                    replay.interval());
            if (result.candles().isEmpty()) {
                throw new IOException(replay.file() + " holds no candles");
            }
            health = result.skipped() == 0 ? AccountHealth.up()
                    : new AccountHealth(AccountStatus.DEGRADED, result.skipped()
                            + " unreadable rows skipped in " + replay.file() + " (see the log)");
            return new ReplaySeries(replay.symbol(), replay.interval(), result.candles());
        } catch (IOException | RuntimeException e) {
            String reason = "replay file unreadable: " + e.getMessage();
            LOG.log(retry ? Level.DEBUG : Level.ERROR, "paper account {0}: {1}; trying again"
                    + " every {2} s", config.account(), reason, RELOAD_SECONDS);
            health = new AccountHealth(AccountStatus.DOWN, reason);
            return null;
        }
    }

    /** Replays the journal into the account; a new account opens with its configured deposit. */
    private Journal openJournal(Path accountDir, PaperConfig config) {
        Journal opened;
        try {
            opened = Journal.open(accountDir, config.fsync());
        } catch (IOException e) {
            throw new UncheckedIOException("paper account " + config.account()
                    + ": cannot open its journal: " + e.getMessage(), e);
        }
        try {
            List<String> lines = opened.lines();
            for (int i = 0; i < lines.size(); i++) {
                try {
                    account.apply(JournalCodec.decode(lines.get(i)));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(opened.file() + " line " + (i + 1)
                            + " cannot be read (" + e.getMessage() + "); the account is not"
                            + " opened rather than opened wrong", e);
                }
            }
            List<AccountEvent> repairs = new ArrayList<>();
            if (!account.isOpened()) {
                repairs.add(new AccountEvent.Opened(Instant.now(), config.initialBalances()));
            } else if (!account.openingBalances().equals(config.initialBalances())) {
                LOG.log(Level.INFO, "paper account {0}: balance.* differ from the deposit it was"
                        + " opened with {1}; its journal wins (delete {2} to start afresh)",
                        config.account(), account.openingBalances(), accountDir);
            }
            for (PaperOrder order : account.openOrders()) {
                if (order.type == OrderType.MARKET) {
                    // only a torn journal leaves a market order without its fill
                    repairs.add(new AccountEvent.Cancelled(order.orderId,
                            "interrupted before its fill was recorded", order.updatedAt));
                }
            }
            if (!repairs.isEmpty()) {
                opened.append(repairs.stream().map(JournalCodec::encode).toList());
                repairs.forEach(account::apply);
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            try {
                opened.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public String exchangeId() {
        return EXCHANGE_ID;
    }

    @Override
    public String account() {
        return config.account();
    }

    @Override
    public AccountHealth health() {
        return closed ? new AccountHealth(AccountStatus.DOWN, "closed") : health;
    }

    /**
     * The market's own clock, not the wall clock: the close of the latest candle delivered (the
     * forming candle's open), so a replay at any speed has exactly one current candle, the one
     * just delivered. Before the first candle: the wall clock.
     */
    @Override
    public Instant now() {
        Instant clock = marketClock;
        return clock != null ? clock : Instant.now();
    }

    /** None: a replay's candles are never late, the latest delivered is the only current one. */
    @Override
    public Duration candleLateness() {
        return Duration.ZERO;
    }

    @Override
    public CompletionStage<OrderAck> place(OrderRequest order) {
        return onAdapterThread(() -> {
            PaperOrder placed = desk.place(order, instruments.get(order.symbol()),
                    lastCandles.get(order.symbol()), marketTime(order.symbol()));
            return new OrderAck(placed.clientOrderId, placed.orderId);
        });
    }

    @Override
    public CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId) {
        return onAdapterThread(() -> {
            PaperOrder order = account.byClientId(clientOrderId);
            if (order == null || !order.symbol.equals(symbol)) {
                throw new ExchangeException(ErrorKind.NOT_FOUND, "", "no order " + clientOrderId
                        + " on " + symbol + " in paper account " + config.account());
            }
            return desk.cancel(order, marketTime(symbol)).view();
        });
    }

    @Override
    public CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol,
                                                                       String clientOrderId) {
        return onAdapterThread(() -> Optional.ofNullable(account.byClientId(clientOrderId))
                .filter(order -> order.symbol.equals(symbol)).map(PaperOrder::view));
    }

    @Override
    public CompletionStage<List<ExchangeOrder>> openOrders(String symbol) {
        return onAdapterThread(() -> account.openOrders().stream()
                .filter(order -> order.symbol.equals(symbol)).map(PaperOrder::view).toList());
    }

    /**
     * Executions on {@code symbol} at or after {@code since} by market time <em>or</em> by the
     * wall clock when they were made, oldest first: a reconciling caller asking from a
     * wall-clock instant misses no fill of a replay stamped years ago.
     */
    @Override
    public CompletionStage<List<Execution>> executions(String symbol, Instant since) {
        return onAdapterThread(() -> account.executions(symbol, since));
    }

    @Override
    public CompletionStage<List<Balance>> balances() {
        return onAdapterThread(account::balances);
    }

    @Override
    public CompletionStage<Instrument> instrument(String symbol) {
        return onAdapterThread(() -> {
            Instrument instrument = instruments.get(symbol);
            if (instrument == null) {
                throw new ExchangeException(ErrorKind.NOT_FOUND, "", "paper account "
                        + config.account() + " does not trade " + symbol);
            }
            return instrument;
        });
    }

    /**
     * Candles of the account's market data, never beyond the market's present: once the stream
     * has started, nothing after the latest delivered candle (a backtest must not see the
     * future). Before it starts, a replay offers its whole file and a synthetic walk nothing.
     */
    @Override
    public CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval,
                                                       Instant from, Instant to) {
        return onAdapterThread(() -> {
            CandleStream source = streamFor(symbol, interval);
            if (source == null) {
                return List.of();
            }
            Instant end = to;
            if (source.started() || source.series() instanceof SyntheticSeries) {
                Candle last = source.last();
                if (last == null) {
                    return List.of();
                }
                Instant present = last.openTime().plusMillis(1);
                end = present.isBefore(to) ? present : to;
            }
            return source.series().range(from, end, HISTORY_PAGE);
        });
    }

    /**
     * Streams the account's candles. Delivery starts at the first candle with
     * {@code openTime > after} (live, not catch-up): a replay has no wall clock, so a bot
     * resuming after a crash continues exactly where it stopped. See {@link CandleStream} for
     * pacing, back-pressure and later subscribers.
     *
     * @throws ExchangeException NOT_FOUND when the account has no data for symbol and interval
     */
    @Override
    public Subscription subscribeCandles(String symbol, Interval interval, Instant after,
                                         CandleListener listener) {
        CandleStream source = streamFor(symbol, interval);
        if (source != null) {
            return source.subscribe(after, listener);
        }
        Waiting subscriber = new Waiting(after, listener);
        post(() -> {
            if (stream != null) {
                subscriber.attach(stream);
            } else {
                LOG.log(Level.WARNING, "paper account {0}: subscription to {1} {2} waits for a"
                        + " readable replay file: {3}", config.account(), symbol,
                        interval.code(), health.detail());
                waiting.add(subscriber);
            }
        });
        return () -> post(() -> {
            waiting.remove(subscriber);
            subscriber.close();
        });
    }

    /** Tries the replay file again; once it reads, the waiting subscribers start. */
    private void retryReplay() {
        if (stream != null || closed) {
            return;
        }
        CandleSeries series = loadSeries(config.source(), true);
        if (series == null) {
            return;
        }
        try {
            instruments = new Instruments(config.instrumentRules(), config.source().symbol(),
                    series.tickSize());
        } catch (PaperConfigException e) {
            health = new AccountHealth(AccountStatus.DOWN, e.getMessage());
            LOG.log(Level.ERROR, "paper account {0}: {1}", config.account(), e.getMessage());
            reload.cancel(false);
            return;
        }
        stream = new CandleStream(series, config.source().speed(), executor,
                this::beforeDelivery, config.account());
        reload.cancel(false);
        LOG.log(Level.INFO, "paper account {0}: replay file readable now, {1} subscribers start",
                config.account(), waiting.size());
        waiting.forEach(subscriber -> subscriber.attach(stream));
        waiting.clear();
    }

    /** For tests: try the replay file now rather than at the next period. */
    void retryReplayNow() {
        post(this::retryReplay);
    }

    /** A candle subscription made while the replay file could not be read. */
    private static final class Waiting {
        final Instant after;
        final CandleListener listener;
        Subscription attached;
        boolean closed;

        Waiting(Instant after, CandleListener listener) {
            this.after = after;
            this.listener = listener;
        }

        void attach(CandleStream stream) {
            if (!closed) {
                attached = stream.subscribe(after, listener);
            }
        }

        void close() {
            closed = true;
            if (attached != null) {
                attached.close();
            }
        }
    }

    private CandleStream streamFor(String symbol, Interval interval) {
        MarketSource source = config.source();
        if (!source.symbol().equals(symbol) || source.interval() != interval) {
            throw new ExchangeException(ErrorKind.NOT_FOUND, "", "paper account "
                    + config.account() + " has market data for " + source.symbol() + " "
                    + source.interval().code() + " only, not " + symbol + " " + interval.code());
        }
        return stream;
    }

    @Override
    public Subscription subscribeOrders(OrderUpdateListener listener) {
        orderListeners.add(listener);
        return () -> orderListeners.remove(listener);
    }

    /** Stops the stream and the thread and closes the journal. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            executor.execute(() -> {
                if (stream != null) {
                    stream.close();
                }
            });
        } catch (RejectedExecutionException e) {
            // already shut down
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "paper account " + config.account()
                    + ": closing the journal failed", e);
        }
    }

    // --- on the adapter thread -----------------------------------------------------------

    private void beforeDelivery(Candle candle) {
        lastCandles.put(candle.symbol(), candle);
        marketClock = candle.closeTime();
        desk.matchResting(candle);
    }

    private Instant marketTime(String symbol) {
        Candle last = lastCandles.get(symbol);
        return last != null ? last.closeTime() : Instant.now();
    }

    /** Journals events, applies them, then tells the order listeners. */
    private void record(List<AccountEvent> events) {
        if (health.status() == AccountStatus.DOWN && health.detail().startsWith("journal")) {
            throw new ExchangeException(ErrorKind.TRANSIENT, "", "paper account "
                    + config.account() + " is not accepting changes: " + health.detail());
        }
        try {
            journal.append(events.stream().map(JournalCodec::encode).toList());
        } catch (IOException e) {
            health = new AccountHealth(AccountStatus.DOWN, "journal write failed: "
                    + e.getMessage());
            LOG.log(Level.ERROR, "paper account " + config.account() + ": " + health.detail(), e);
            throw new ExchangeException(ErrorKind.UNKNOWN_OUTCOME, "", health.detail());
        }
        Map<String, PaperOrder> touched = new LinkedHashMap<>();
        List<Execution> executions = new ArrayList<>();
        for (AccountEvent event : events) {
            account.apply(event);
            String orderId = orderIdOf(event);
            if (orderId != null) {
                touched.put(orderId, null);
            }
            if (event instanceof AccountEvent.Filled) {
                List<Execution> all = account.executions();
                executions.add(all.get(all.size() - 1));
            }
        }
        for (Execution execution : executions) {
            for (OrderUpdateListener listener : orderListeners) {
                notify(() -> listener.onExecution(execution));
            }
        }
        for (String orderId : touched.keySet()) {
            ExchangeOrder view = account.order(orderId).view();
            for (OrderUpdateListener listener : orderListeners) {
                notify(() -> listener.onOrderUpdate(view));
            }
        }
    }

    private static String orderIdOf(AccountEvent event) {
        if (event instanceof AccountEvent.Accepted e) {
            return e.orderId();
        } else if (event instanceof AccountEvent.Rejected e) {
            return e.orderId();
        } else if (event instanceof AccountEvent.Filled e) {
            return e.orderId();
        } else if (event instanceof AccountEvent.Cancelled e) {
            return e.orderId();
        }
        return null;
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "paper account " + config.account()
                    + ": an order listener failed", e);
        }
    }

    private void post(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nothing to do any more
        }
    }

    private <T> CompletionStage<T> onAdapterThread(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(closedException());
            return result;
        }
        try {
            executor.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (ExchangeException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "paper account " + config.account()
                            + ": unexpected failure", e);
                    result.completeExceptionally(new ExchangeException(ErrorKind.UNKNOWN_OUTCOME,
                            "", "paper account " + config.account() + ": " + e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(closedException());
        }
        return result;
    }

    private ExchangeException closedException() {
        return new ExchangeException(ErrorKind.TRANSIENT, "", "paper account "
                + config.account() + " is closed");
    }
}
