package io.botfleet.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.api.sim.MarketFillModel;
import io.botfleet.exchange.paper.PaperExchange;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The harness against the real paper exchange: a paper account replays the real BTC file with
 * a fee and slippage; on each candle the harness runs the strategy, and every fill it simulates
 * is placed as the same market order on the paper account while that candle is being consumed.
 * The paper exchange's executions must be the harness's fills to the digit: price, fee, time.
 */
public class SameFillsAsThePaperExchangeTest {

    private static final String SYMBOL = "UNITBTC";
    private static final String FEE_BPS = "7.5";
    private static final String SLIPPAGE_BPS = "3";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void everyFillIsThePaperExchangesFill() throws Exception {
        int total = CandleCsv.read(CandleFiles.open(CandleFiles.UNITTEST_BTC), "btc", SYMBOL,
                Interval.M1).size();
        Map<String, Object> config = Map.of("account", "kit", "balance.BTC", "1000000",
                "feeBps", FEE_BPS, "slippageBps", SLIPPAGE_BPS,
                "replay.file", CandleFiles.path(CandleFiles.UNITTEST_BTC).toString(),
                "replay.symbol", SYMBOL);
        ExecutorService mailbox = Executors.newSingleThreadExecutor();
        try (PaperExchange paper = new PaperExchange(config, temp.getRoot().toPath())) {
            Instrument instrument = paper.instrument(SYMBOL).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            UpTick strategy = new UpTick();
            strategy.configure(Map.of("minMove", "0.00001"));
            StrategyHarness harness = new StrategyHarness(strategy).instrument(instrument)
                    .fillModel(new MarketFillModel(new BigDecimal(FEE_BPS),
                            new BigDecimal(SLIPPAGE_BPS)))
                    .orderQty("3.5");
            CountDownLatch done = new CountDownLatch(1);
            CandleListener bot = (candle, catchUp) -> {
                CompletableFuture<Void> consumed = new CompletableFuture<>();
                mailbox.execute(() -> {
                    try {
                        mirror(paper, harness, candle);
                        if (harness.candleCount() == total) {
                            done.countDown();
                        }
                        consumed.complete(null);
                    } catch (Exception | AssertionError e) {
                        consumed.completeExceptionally(e);
                        throw new IllegalStateException(e);
                    }
                });
                return consumed;
            };
            paper.subscribeCandles(SYMBOL, Interval.M1, null, bot);
            assertTrue("the replay did not finish", done.await(120, TimeUnit.SECONDS));

            List<Execution> executions = paper.executions(SYMBOL, Instant.EPOCH)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            List<SimulatedFill> fills = harness.fills();
            assertTrue("the strategy should trade often, traded " + fills.size(),
                    fills.size() > 100);
            assertEquals(fills.size(), executions.size());
            for (int i = 0; i < fills.size(); i++) {
                SimulatedFill fill = fills.get(i);
                Execution execution = executions.get(i);
                String where = "fill " + i + " " + fill;
                assertEquals(where, fill.side(), execution.side());
                assertEquals(where, fill.qty(), execution.qty());
                assertEquals(where, fill.price(), execution.price());
                assertEquals(where, fill.fee(), execution.fee());
                assertEquals(where, fill.time(), execution.time());
            }
        } finally {
            mailbox.shutdownNow();
        }
    }

    /** Runs one candle through the harness and places each new fill as a paper market order. */
    private static void mirror(PaperExchange paper, StrategyHarness harness, Candle candle)
            throws Exception {
        int before = harness.fills().size();
        harness.feed(candle);
        List<SimulatedFill> fresh = new ArrayList<>(harness.fills().subList(before,
                harness.fills().size()));
        for (SimulatedFill fill : fresh) {
            String id = "kit-" + harness.fills().indexOf(fill);
            paper.place(new OrderRequest(id, SYMBOL, fill.side(), OrderType.MARKET, fill.qty(),
                    null, false)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
