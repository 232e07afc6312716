package io.botfleet.backtest.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.api.pipeline.CandleDecision;
import io.botfleet.api.pipeline.CandlePipeline;
import io.botfleet.api.pipeline.CandleTerms;
import io.botfleet.api.pipeline.OpenOrders;
import io.botfleet.api.pipeline.PositionLedger;
import io.botfleet.api.pipeline.StrategyCaller;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.exchange.paper.PaperExchange;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A backtest equals a paper replay bot on the same candles and settings, fill for fill (time,
 * side, qty, price, fee). The bot here is the real paper exchange replaying the file at speed 0,
 * and a bot loop doing what the runtime's bot does with it: each delivered candle goes through a
 * {@link CandlePipeline} of its own, every intent is placed on the paper account as a market order
 * while that candle is being consumed, each execution moves its book by {@link PositionLedger} and
 * is told to the strategy. The engine shares the pipeline class but not the fill path: prices,
 * fees, acceptance, instrument rules and times are the paper exchange's on one side and the
 * engine's on the other. Fee, slippage, a stop-loss and a take-profit are on, so every part shows.
 */
public class BacktestEqualsPaperReplayTest {

    private static final String FEE_BPS = "7.5";
    private static final String SLIPPAGE_BPS = "3";
    private static final RiskLimits RISK = new RiskLimits(new BigDecimal("2.5"), null, null,
            new BigDecimal("0.2"), new BigDecimal("0.5"), null);
    private static final Map<String, Object> PARAMS = Map.of("fast", 10, "slow", 30);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void unittestBtcFile() throws Exception {
        compare(CandleFiles.path(CandleFiles.UNITTEST_BTC), "UNITTESTBTC", "BTC", "1000000");
    }

    @Test
    public void ethBtcFile() throws Exception {
        compare(CandleFiles.path(CandleFiles.ETH_BTC), "ETHBTC", "BTC", "1000000");
    }

    @Test
    public void exactTies() throws Exception {
        Path file = temp.newFile("ties.csv").toPath();
        Files.writeString(file, TieCandles.csv(20_000, 7), StandardCharsets.US_ASCII);
        compare(file, "TIEUSDT", "USDT", "1000000");
    }

    /** Too little money for a second entry: the paper exchange rejects it, and so must the engine. */
    @Test
    public void rejectionsForBalanceToo() throws Exception {
        Path file = temp.newFile("ties-poor.csv").toPath();
        Files.writeString(file, TieCandles.csv(5_000, 11), StandardCharsets.US_ASCII);
        BacktestResult run = compare(file, "TIEUSDT", "USDT", "255");
        assertTrue("some entries should be rejected: " + run.report(), run.report().orders() > run.report().fills());
    }

    private BacktestResult compare(Path file, String symbol, String quote, String balance) throws Exception {
        List<Candle> candles = CandleCsv.read(file, symbol, Interval.M1);
        CandleSeries.Builder builder = new CandleSeries.Builder(Interval.M1, candles.size());
        candles.forEach(builder::add);
        BacktestSetup setup = new BacktestSetup(symbol, PARAMS, RISK, Map.of(quote, new BigDecimal(balance)),
                new BigDecimal(FEE_BPS), new BigDecimal(SLIPPAGE_BPS));
        BacktestResult backtest = new BacktestEngine().run(new CrossingSma(), builder.build(), setup);
        assertEquals(backtest.error(), BacktestState.DONE, backtest.state());

        Map<String, Object> config = Map.of("account", "replay", "balance." + quote, balance,
                "feeBps", FEE_BPS, "slippageBps", SLIPPAGE_BPS, "replay.file", file.toString(),
                "replay.symbol", symbol, "replay.speed", "0");
        try (PaperExchange paper = new PaperExchange(config, temp.newFolder().toPath())) {
            Instrument instrument = paper.instrument(symbol).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(instrument, PaperInstrument.derive(symbol, candles));
            ReplayBot bot = new ReplayBot(paper, instrument, symbol, candles.size());
            paper.subscribeCandles(symbol, Interval.M1, null, bot);
            assertTrue("the replay did not finish", bot.done.await(120, TimeUnit.SECONDS));
            bot.mailbox.shutdownNow();
            if (bot.failure != null) {
                throw new AssertionError(bot.failure);
            }
            List<Execution> executions = paper.executions(symbol, Instant.EPOCH).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            List<BacktestFill> fills = backtest.fills();
            assertTrue("should trade, traded " + fills.size(), fills.size() > 3);
            assertEquals("fills", executions.size(), fills.size());
            for (int i = 0; i < fills.size(); i++) {
                BacktestFill fill = fills.get(i);
                Execution execution = executions.get(i);
                String where = "fill " + i + " " + fill + " vs " + execution;
                assertEquals(where, execution.time(), fill.time());
                assertEquals(where, execution.side(), fill.side());
                assertEquals(where, execution.qty(), fill.qty());
                assertEquals(where, execution.price(), fill.price());
                assertEquals(where, execution.fee(), fill.fee());
            }
            assertEquals("orders", bot.book.orders(), backtest.report().orders());
            assertEquals("position", bot.book.position().qty(), backtest.report().finalQty());
            BigDecimal paperQuote = paper.balances().toCompletableFuture().get(10, TimeUnit.SECONDS).stream()
                    .filter(b -> b.coin().equals(quote)).findFirst().orElseThrow().total();
            assertEquals(paperQuote, backtest.report().endBalances().get(quote));
        }
        return backtest;
    }

    /** What the runtime's bot does with a replayed candle, without its journal and mailbox machinery. */
    private static final class ReplayBot implements CandleListener {

        final ExecutorService mailbox = Executors.newSingleThreadExecutor();
        final CountDownLatch done = new CountDownLatch(1);
        final TradingBook book = new TradingBook(BotProgress.initial("replay"));
        private final PaperExchange paper;
        private final Instrument instrument;
        private final String symbol;
        private final int total;
        private final CrossingSma strategy = new CrossingSma();
        private final CandlePipeline pipeline;
        private final CandleTerms terms;
        private int seen;
        private int executionsApplied;
        volatile Throwable failure;

        ReplayBot(PaperExchange paper, Instrument instrument, String symbol, int total) {
            this.paper = paper;
            this.instrument = instrument;
            this.symbol = symbol;
            this.total = total;
            strategy.configure(PARAMS);
            pipeline = new CandlePipeline("replay", symbol, StrategyCaller.DIRECT, seq -> "replay-" + seq);
            terms = CandleTerms.trading(new BotConfig("replay", new StrategySpec("sma", "1.0.0", PARAMS),
                    new ExchangeRef("paper", "replay"), symbol, Interval.M1, RISK, false), instrument, Instant.EPOCH);
        }

        @Override
        public CompletableFuture<Void> onCandle(Candle candle, boolean catchUp) {
            CompletableFuture<Void> consumed = new CompletableFuture<>();
            mailbox.execute(() -> {
                try {
                    decide(candle);
                    if (++seen == total) {
                        done.countDown();
                    }
                    consumed.complete(null);
                } catch (Throwable e) {
                    failure = e;
                    done.countDown();
                    consumed.completeExceptionally(e);
                }
            });
            return consumed;
        }

        private void decide(Candle candle) throws Exception {
            CandleDecision decision = pipeline.decide(candle, terms, strategy, book, OpenOrders.NONE);
            for (BotOrder intent : decision.intents()) {
                book.countOrder();
                try {
                    paper.place(new OrderRequest(intent.clientOrderId(), symbol, intent.side(), OrderType.MARKET,
                            intent.qty(), null, false)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException rejected) {
                    book.countRejected();
                }
                List<Execution> all = paper.executions(symbol, Instant.EPOCH).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                for (; executionsApplied < all.size(); executionsApplied++) {
                    Execution e = all.get(executionsApplied);
                    book.fill(PositionLedger.apply(book.position(), e.side(), e.qty(), e.price(), e.fee(),
                            e.feeCurrency(), instrument.baseCoin(), book.lastClose()));
                    pipeline.context().reset(book.position().qty());
                    strategy.onFill(new FillEvent(e.side() == OrderSide.BUY, e.qty(), e.price(), e.time()),
                            pipeline.context());
                }
            }
        }
    }
}
