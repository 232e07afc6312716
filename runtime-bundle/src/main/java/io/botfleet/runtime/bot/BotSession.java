package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.pipeline.CandlePipeline;
import io.botfleet.api.pipeline.SignalCollector;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.runtime.strategy.StrategyProvider;
import java.util.List;

/**
 * One bot's state, in one place: its configuration, what it has done ({@link TradingBook}), its
 * orders, its decision pipeline, the strategy instance it runs and the account it trades on, and
 * which run it is in. Handed to the bot's collaborators (candle flow, order flow, start, catch-up)
 * in place of the bot itself. Touched only from the bot's mailbox, except what is marked volatile.
 */
final class BotSession {

    private final String id;
    private final long key;
    private final OrderTracker orders = new OrderTracker();
    private final CandlePipeline pipeline;
    /** Replaced by a reconfiguration, read by any thread. */
    private volatile BotConfig config;
    private TradingBook book;
    private Strategy strategy;
    private StrategyProvider provider;
    /** The version the strategy instance is of; read by status readers on any thread. */
    private volatile String runningVersion;
    private ExchangeAdapter adapter;
    private Instrument instrument;
    /**
     * Which run this is: odd while live (from loading its state to detaching), even in between.
     * Exchange callbacks and journal failures posted in one run are dropped in any other: they
     * were computed from a state the bot no longer holds (after a failed write, one the journal
     * never had), and the next start reconciles every open order from the journal instead.
     */
    private volatile int run;

    BotSession(BotConfig config, long key, CandlePipeline pipeline) {
        this.id = config.id();
        this.key = key;
        this.config = config;
        this.pipeline = pipeline;
    }

    String id() {
        return id;
    }

    /** The bot's number, never reused: part of its client order ids. */
    long key() {
        return key;
    }

    BotConfig config() {
        return config;
    }

    void config(BotConfig next) {
        config = next;
    }

    /** What the bot has done so far; null before its first start has loaded it. */
    TradingBook book() {
        return book;
    }

    OrderTracker orders() {
        return orders;
    }

    CandlePipeline pipeline() {
        return pipeline;
    }

    /** The context the strategy is handed in every call. */
    SignalCollector context() {
        return pipeline.context();
    }

    /** The running strategy instance, or null when none is bound. */
    Strategy strategy() {
        return strategy;
    }

    StrategyProvider provider() {
        return provider;
    }

    String runningVersion() {
        return runningVersion;
    }

    ExchangeAdapter adapter() {
        return adapter;
    }

    Instrument instrument() {
        return instrument;
    }

    void instrument(Instrument rules) {
        instrument = rules;
    }

    /**
     * A start has loaded the journal: a new run begins with this book (callbacks of earlier runs
     * are dropped from now on), and the orders held are exactly the journal's (intents of a failed
     * commit were never journaled).
     */
    void beginRun(TradingBook loaded, List<BotOrder> journaled) {
        book = loaded;
        run += (run & 1) == 0 ? 1 : 2;
        orders.clear();
        journaled.forEach(orders::put);
    }

    /** The bot stops trading: callbacks of the run that ends are dropped from now on. */
    void endRun() {
        if ((run & 1) == 1) {
            run++;
        }
    }

    int run() {
        return run;
    }

    /** True when the bot is live in run {@code postedIn} now. */
    boolean isCurrentRun(int postedIn) {
        return postedIn == run && (postedIn & 1) == 1;
    }

    /** Binds what a start chose: the strategy instance, its version, the account. */
    void install(Strategy instance, StrategyProvider target, ExchangeAdapter account) {
        strategy = instance;
        provider = target;
        runningVersion = target.versionString();
        adapter = account;
    }

    /** Puts {@code next} of {@code target} in place of the running instance, releasing that one. */
    void replaceStrategy(Strategy next, StrategyProvider target) {
        provider.release(strategy);
        strategy = next;
        provider = target;
        runningVersion = target.versionString();
    }

    /** Gives the strategy instance back to its provider; none is bound afterwards. */
    void releaseStrategy() {
        if (strategy != null) {
            provider.release(strategy);
            strategy = null;
            provider = null;
        }
    }
}
