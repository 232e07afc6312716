package io.botfleet.backtest.engine;

import io.botfleet.api.backtest.RunReport;
import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Position;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.api.pipeline.CandleDecision;
import io.botfleet.api.pipeline.CandlePipeline;
import io.botfleet.api.pipeline.CandleTerms;
import io.botfleet.api.pipeline.OpenOrders;
import io.botfleet.api.pipeline.PositionLedger;
import io.botfleet.api.pipeline.StrategyCaller;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.sim.MarketFillModel;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.backtest.dataset.CandleReader;
import io.botfleet.backtest.dataset.CandleSeries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Runs one strategy instance over candles through the live bot's own decision code
 * ({@link CandlePipeline}: strategy, protective exits, risk gate, order intents) and fills each
 * intent at once with the paper exchange's {@link MarketFillModel} and acceptance rules, exactly
 * as a paper replay bot at speed 0 sees it: the order is placed while its candle is the exchange's
 * latest, fills at that candle's close (slipped) stamped with its close time, the position moves
 * by {@link PositionLedger} marked at that close, and the strategy hears {@code onFill} before the
 * next candle. Everything stays in memory; nothing is written per candle.
 *
 * <p>One run per instance at a time; instances are cheap.
 */
public final class BacktestEngine {

    /** The bot id the strategy sees; a valid bot id. */
    static final String BOT_ID = "backtest";
    /** Candles between two looks at the cancel flag: a few hundred microseconds of work. */
    static final int CHECK_EVERY = 1024;
    /** Candles between two progress reports. */
    static final int PROGRESS_EVERY = 1 << 16;

    private final StrategyCaller caller;

    /** An engine that calls the strategy directly (a trusted strategy, a unit test). */
    public BacktestEngine() {
        this(StrategyCaller.DIRECT);
    }

    /** @param caller how the strategy is called: the runtime passes its guard's limits here */
    public BacktestEngine(StrategyCaller caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /** The whole series, no cancel, no progress. */
    public BacktestResult run(Strategy strategy, CandleSeries series, BacktestSetup setup) {
        return run(strategy, series, 0, series.size(), setup, () -> false, BacktestProgress.NONE);
    }

    /**
     * Configures {@code strategy} with the setup's params and runs it over candles
     * {@code [from, to)} of {@code series}. A strategy that refuses its params or throws in any
     * call ends the run FAILED with the reason; {@code cancelled} is asked every
     * {@value #CHECK_EVERY} candles and ends the run CANCELLED.
     */
    public BacktestResult run(Strategy strategy, CandleSeries series, int from, int to, BacktestSetup setup,
                              BooleanSupplier cancelled, BacktestProgress progress) {
        if (from < 0 || to > series.size() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside the series of "
                    + series.size() + " candles");
        }
        List<Candle> leading = new ArrayList<>();
        for (int i = 0; i < Math.min(PaperInstrument.TICK_SAMPLE, series.size()); i++) {
            leading.add(series.candle(i, setup.symbol()));
        }
        Instrument instrument = PaperInstrument.derive(setup.symbol(), leading);
        return new Run(strategy, instrument, series.interval(), setup).go(series, from, to, cancelled, progress);
    }

    /** One run's state: the book, the account, the results so far. */
    private final class Run {

        private final Strategy strategy;
        private final Instrument instrument;
        private final BacktestSetup setup;
        private final MarketFillModel model;
        private final CandleTerms terms;
        /** Marks the position only at fills: nothing here reads its unrealized PnL (equity is from the balances). */
        private final TradingBook book = new TradingBook(BotProgress.initial(BOT_ID)).markOnlyAtFills();
        private final CandlePipeline pipeline;
        private final SimulatedAccount account;
        private EquityCurve equity;
        private final long stepMillis;
        private final List<BacktestFill> fills = new ArrayList<>();
        private final TradeBook trades = new TradeBook();
        private long candlesInPosition;
        private final EquityMark equityMark = new EquityMark();
        private CandleReader reader;
        private long done;
        private String error;

        Run(Strategy strategy, Instrument instrument, Interval interval, BacktestSetup setup) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            this.instrument = instrument;
            this.setup = setup;
            this.model = new MarketFillModel(setup.feeBps(), setup.slippageBps());
            BotConfig config = new BotConfig(BOT_ID, new StrategySpec("backtest", "0.0.0", setup.params()),
                    new ExchangeRef("paper", BOT_ID), setup.symbol(), interval,
                    setup.risk(), false);
            // the intents' timestamps are never read here: a fixed instant spares an allocation per candle
            this.terms = CandleTerms.trading(config, instrument, Instant.EPOCH);
            this.pipeline = new CandlePipeline(BOT_ID, setup.symbol(), caller, seq -> BOT_ID + "-" + seq);
            this.account = new SimulatedAccount(model, instrument, setup.balances());
            this.stepMillis = interval.duration().toMillis();
        }

        BacktestResult go(CandleSeries series, int from, int to, BooleanSupplier cancelled,
                          BacktestProgress progress) {
            BacktestState state = BacktestState.DONE;
            reader = series.reader(setup.symbol());
            equity = EquityCurve.overCandles(to - from + 1, reader::openTimeMillis, from, stepMillis);
            try {
                strategy.configure(setup.params());
            } catch (RuntimeException | LinkageError e) {
                error = "strategy refused its params: " + e;
                return result(series, from, from, BacktestState.FAILED);
            }
            long total = to - from;
            int i = from;
            for (; i < to; i++) {
                if ((i - from) % CHECK_EVERY == 0 && cancelled.getAsBoolean()) {
                    state = BacktestState.CANCELLED;
                    break;
                }
                Candle candle = reader.candle(i);
                if (i == from) {
                    markEquity(i);
                }
                if (!decide(candle, i)) {
                    state = BacktestState.FAILED;
                    i++;
                    break;
                }
                if ((i - from + 1) % PROGRESS_EVERY == 0) {
                    progress.candles(i - from + 1, total);
                }
            }
            progress.candles(i - from, total);
            return result(series, from, i, state);
        }

        /** Candle {@code i}: the live decision, its intents filled; false when the strategy threw. */
        private boolean decide(Candle candle, int i) {
            CandleDecision decision = pipeline.decide(candle, terms, strategy, book, OpenOrders.NONE);
            if (decision.strategyFault() != null) {
                error = "strategy threw on the candle of " + candle.openTime() + ": " + decision.strategyFault();
                mark(i);
                return false;
            }
            List<BotOrder> intents = decision.intents();
            for (int k = 0; k < intents.size(); k++) { // by index: no iterator for the usual empty list
                if (!fill(intents.get(k), candle)) {
                    mark(i);
                    return false;
                }
            }
            mark(i);
            return true;
        }

        private void mark(int i) {
            if (book.position().qty().signum() != 0) {
                candlesInPosition++;
            }
            markEquity(i);
            done++;
        }

        /** The balances marked at candle {@code i}'s close. */
        private void markEquity(int i) {
            equityMark.add(equity, account.base(), account.quote(), reader.closeUnscaled(i), reader.closeScale());
        }

        /** Fills one intent as the paper exchange does; false when the strategy threw in onFill. */
        private boolean fill(BotOrder intent, Candle candle) {
            OrderSide side = intent.side();
            BigDecimal qty = intent.qty();
            BigDecimal price = model.marketPrice(side, candle.close(), instrument);
            book.countOrder();
            if (account.refusal(side, qty, price) != null) {
                book.countRejected();
                return true;
            }
            BigDecimal notional = qty.multiply(price);
            BigDecimal fee = model.fee(notional);
            account.fill(side, qty, notional, fee);
            Instant time = candle.closeTime();
            book.fill(PositionLedger.apply(book.position(), side, qty, price, fee, instrument.quoteCoin(),
                    instrument.baseCoin(), book.lastClose()));
            BacktestFill fill = new BacktestFill(time, side, qty, price, fee, candle.openTime());
            fills.add(fill);
            trades.fill(fill);
            pipeline.context().reset(book.position().qty());
            try {
                strategy.onFill(new FillEvent(side == OrderSide.BUY, qty, price, time), pipeline.context());
                return true;
            } catch (RuntimeException | LinkageError e) {
                error = "strategy threw in onFill at " + time + ": " + e;
                return false;
            }
        }

        private BacktestResult result(CandleSeries series, int from, int end, BacktestState state) {
            Position position = book.position();
            boolean any = end > from;
            ReportMetrics.Counts counts = new ReportMetrics.Counts(done,
                    any ? series.openTime(from) : null, any ? series.openTime(end - 1) : null, book.orders(),
                    candlesInPosition, any ? series.candle(from, setup.symbol()).close() : null,
                    any ? series.candle(end - 1, setup.symbol()).close() : null, account.balances(),
                    position.qty(), position.avgPrice());
            RunReport report = ReportMetrics.report(counts, equity, fills, trades.trades());
            return new BacktestResult(state, error, fills, trades.trades(), equity, report);
        }
    }
}
