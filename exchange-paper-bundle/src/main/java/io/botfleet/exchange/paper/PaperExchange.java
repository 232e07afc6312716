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
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.api.sim.MarketFillModel;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
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
 * <p><b>Parts.</b> The market (candles, instruments, replay loading, the market clock) is
 * {@link MarketFeed}; the orders, fills and balances and their journal are {@link AccountLedger}
 * with the {@link OrderDesk} that decides orders; this class is the adapter around them and keeps
 * every call on the account's thread.
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
    public static final int HISTORY_PAGE = MarketFeed.HISTORY_PAGE;

    private static final System.Logger LOG = System.getLogger(PaperExchange.class.getName());

    private final PaperConfig config;
    /** The account's one thread: everything below runs on it. */
    private final ScheduledThreadPoolExecutor executor;
    private final MarketFeed market;
    private final Account account;
    private final AccountLedger ledger;
    private final OrderDesk desk;
    private volatile boolean closed;

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
        this.market = new MarketFeed(config);
        MarketFillModel fills = new MarketFillModel(config.feeBps(), config.slippageBps());
        this.account = new Account(fills);
        this.ledger = AccountLedger.open(accountDir, config, account);
        this.desk = new OrderDesk(account, fills, ledger::record);
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "botfleet-paper-" + config.account());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        market.start(executor, desk::matchResting);
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
        if (closed) {
            return new AccountHealth(AccountStatus.DOWN, "closed");
        }
        String failure = ledger.failure();
        return failure != null ? new AccountHealth(AccountStatus.DOWN, failure) : market.health();
    }

    /**
     * The market's own clock, not the wall clock: the close of the latest candle delivered (the
     * forming candle's open), so a replay at any speed has exactly one current candle, the one
     * just delivered. Before the first candle: the wall clock.
     */
    @Override
    public Instant now() {
        Instant clock = market.clock();
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
            PaperOrder placed = desk.place(order, market.instrument(order.symbol()),
                    market.last(order.symbol()), market.marketTime(order.symbol()));
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
            return desk.cancel(order, market.marketTime(symbol)).view();
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
            Instrument instrument = market.instrument(symbol);
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
        return onAdapterThread(() -> market.history(symbol, interval, from, to));
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
        return market.subscribe(symbol, interval, after, listener);
    }

    /** For tests: try the replay file now rather than at the next period. */
    void retryReplayNow() {
        market.retryReplayNow();
    }

    @Override
    public Subscription subscribeOrders(OrderUpdateListener listener) {
        return ledger.subscribe(listener);
    }

    /** Stops the stream and the thread and closes the journal. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        market.close();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ledger.close();
    }

    // --- on the adapter thread -----------------------------------------------------------

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
