package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A paper account's market: its candles (a replay file, tried again until it reads, or a seeded
 * synthetic walk), the instruments they trade, the stream that delivers them, the history it
 * answers, and the market's clock. Apart from the account's orders and balances
 * ({@link AccountLedger}). Everything but {@link #health} and {@link #clock} runs on the
 * account's thread.
 */
final class MarketFeed {

    /** Largest page {@link #history} returns. */
    static final int HISTORY_PAGE = 1000;
    /** How often an unreadable replay file is tried again. */
    static final long RELOAD_SECONDS = 10;

    private static final System.Logger LOG = System.getLogger(MarketFeed.class.getName());

    private final PaperConfig config;
    private ScheduledExecutorService executor;
    private Consumer<Candle> beforeDelivery;
    /** Replaced once when a replay file that could not be read becomes readable. */
    private volatile Instruments instruments;
    /** Null while the replay file cannot be read; then subscribers wait in {@link #waiting}. */
    private volatile CandleStream stream;
    private final List<Waiting> waiting = new ArrayList<>();
    private ScheduledFuture<?> reload;
    private final Map<String, Candle> lastCandles = new HashMap<>();
    private volatile AccountHealth health = AccountHealth.up();
    /** The replay's clock: the close of the latest candle delivered (null before the first). */
    private volatile Instant marketClock;
    private CandleSeries loaded;
    private volatile boolean closed;

    /** Reads the market data (a replay file that cannot be read yet is only noted in the health). */
    MarketFeed(PaperConfig config) {
        this.config = config;
        this.loaded = loadSeries(false);
        this.instruments = new Instruments(config.instrumentRules(), config.source().symbol(),
                loaded == null ? null : loaded.tickSize());
    }

    /**
     * Starts delivering on the account's thread; {@code beforeDelivery} sees each candle first
     * (resting orders it fills go before the candle reaches anyone).
     */
    void start(ScheduledExecutorService accountThread, Consumer<Candle> beforeDelivery) {
        this.executor = accountThread;
        this.beforeDelivery = beforeDelivery;
        if (loaded != null) {
            stream = newStream(loaded);
        } else {
            // the file may appear later (copied after the configuration): keep trying
            reload = executor.scheduleWithFixedDelay(this::retryReplay, RELOAD_SECONDS,
                    RELOAD_SECONDS, TimeUnit.SECONDS);
        }
        loaded = null;
    }

    AccountHealth health() {
        return health;
    }

    /** The market's clock: the close of the latest candle delivered, or null before the first. */
    Instant clock() {
        return marketClock;
    }

    /** The rules of {@code symbol}, or null when the account does not trade it. */
    Instrument instrument(String symbol) {
        return instruments.get(symbol);
    }

    /** The latest candle delivered of {@code symbol}, or null. */
    Candle last(String symbol) {
        return lastCandles.get(symbol);
    }

    /** Market time of {@code symbol}: its latest candle's close; the wall clock before any. */
    Instant marketTime(String symbol) {
        Candle last = lastCandles.get(symbol);
        return last != null ? last.closeTime() : Instant.now();
    }

    /**
     * Candles of the account's market data, never beyond the market's present: once the stream
     * has started, nothing after the latest delivered candle (a backtest must not see the
     * future). Before it starts, a replay offers its whole file and a synthetic walk nothing.
     */
    List<Candle> history(String symbol, Interval interval, Instant from, Instant to) {
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
    }

    /** See {@link PaperExchange#subscribeCandles}; any thread. */
    Subscription subscribe(String symbol, Interval interval, Instant after, CandleListener listener) {
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

    /** For tests: try the replay file now rather than at the next period. */
    void retryReplayNow() {
        post(this::retryReplay);
    }

    /** Stops the stream (on the account's thread); no candle is delivered after it ran. */
    void close() {
        closed = true;
        post(() -> {
            if (stream != null) {
                stream.close();
            }
        });
    }

    private CandleStream newStream(CandleSeries series) {
        return new CandleStream(series, config.source().speed(), executor, this::delivering, config.account());
    }

    private void delivering(Candle candle) {
        lastCandles.put(candle.symbol(), candle);
        marketClock = candle.closeTime();
        beforeDelivery.accept(candle);
    }

    private CandleSeries loadSeries(boolean retry) {
        MarketSource source = config.source();
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

    /** Tries the replay file again; once it reads, the waiting subscribers start. */
    private void retryReplay() {
        if (stream != null || closed) {
            return;
        }
        CandleSeries series = loadSeries(true);
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
        stream = newStream(series);
        reload.cancel(false);
        LOG.log(Level.INFO, "paper account {0}: replay file readable now, {1} subscribers start",
                config.account(), waiting.size());
        waiting.forEach(subscriber -> subscriber.attach(stream));
        waiting.clear();
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

    private void post(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nothing to do any more
        }
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
}
