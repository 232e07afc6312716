package io.botfleet.backtest.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestNotFoundException;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.BacktestRun;
import io.botfleet.api.backtest.BacktestService;
import io.botfleet.api.backtest.BacktestState;
import io.botfleet.api.backtest.DatasetRange;
import io.botfleet.api.backtest.EquityPoint;
import io.botfleet.api.backtest.InvalidBacktestException;
import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.StrategyInstances;
import io.botfleet.api.backtest.StrategySweep;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.backtest.dataset.CandleDatasets;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.backtest.engine.BacktestEngine;
import io.botfleet.backtest.engine.BacktestResult;
import io.botfleet.backtest.engine.BacktestSetup;
import io.botfleet.backtest.engine.CrossingSma;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.testdata.CandleFiles;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The runner over the real store (H2) and a real dataset (the UNITTEST_BTC file), with strategy
 * instances made directly (the runtime's guard is tested with the runtime).
 */
public class BacktestRunnerTest {

    private static final DatasetKey KEY = DatasetKey.of("bybit", "BTCUSDT", "1m");
    private static final RiskLimits RISK = RiskLimits.ofOrderQty(new BigDecimal("100"));
    private static final Map<String, BigDecimal> BALANCES = Map.of("USDT", new BigDecimal("10"));

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private JdbcStores stores;
    private CandleDatasets datasets;
    private final Map<String, Supplier<Strategy>> versions = new LinkedHashMap<>();
    private final StrategyInstances instances = (id, version) -> {
        Supplier<Strategy> make = versions.get(version);
        if (!id.equals("sma") || make == null) {
            throw new BacktestNotFoundException("strategy " + id + " has no version '" + version + "' installed");
        }
        Strategy strategy = make.get();
        return new StrategyInstances.Lease() {
            @Override
            public Strategy strategy() {
                return strategy;
            }

            @Override
            public void close() {
            }
        };
    };
    private BacktestRunner runner;
    /** Candles the slow strategies decided, all runs together. */
    private final AtomicLong slowCandles = new AtomicLong();

    @Before
    public void open() throws Exception {
        stores = JdbcStores.open("jdbc:h2:file:" + tmp.getRoot() + "/db/botfleet", "", "", 4);
        datasets = new CandleDatasets(tmp.getRoot().toPath().resolve("candles"));
        datasets.importCsv(KEY, CandleFiles.open(CandleFiles.UNITTEST_BTC));
        versions.put("1.0.0", CrossingSma::new);
        versions.put("6.6.6", ThrowsAtCandle100::new);
        versions.put("7.7.7", () -> new Slow(this));
        runner = new BacktestRunner(stores.backtests(), instances, datasets, 2, Clock.systemUTC());
    }

    @After
    public void close() {
        runner.close();
        stores.close();
    }

    private static BacktestRequest request(List<String> versions, Map<String, List<Object>> params, Instant from,
                                           Instant to) {
        return new BacktestRequest(new StrategySweep("sma", versions, params),
                new DatasetRange("bybit", "BTCUSDT", "1m", from, to), RISK, BALANCES, new BigDecimal("7.5"),
                new BigDecimal("1"));
    }

    private static Map<String, List<Object>> params(List<Object> fast, List<Object> slow) {
        Map<String, List<Object>> p = new LinkedHashMap<>();
        p.put("fast", fast);
        p.put("slow", slow);
        return p;
    }

    private Backtest awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Backtest b = runner.get(id).orElseThrow();
            if (b.state().finished()) {
                return b;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("backtest " + id + " did not finish: " + runner.get(id));
    }

    @Test
    public void aSweepRunsTheCrossProductAndStoresEachRunAsTheEngineComputesIt() throws Exception {
        Backtest queued = runner.submit(request(List.of("1.0.0"), params(List.of(5, 7), List.of(20, 30)), null, null),
                "ops");
        assertEquals(BacktestState.QUEUED, queued.state());
        Backtest done = awaitFinished(queued.id());
        assertEquals(done.error(), BacktestState.DONE, done.state());
        assertNull(done.error());
        CandleSeries series = datasets.load(KEY).orElseThrow();
        assertEquals(4, done.progress().runsDone());
        assertEquals(4L * series.size(), done.progress().candles());
        assertEquals(done.progress().candles(), done.progress().candlesDone());
        assertEquals(List.of(0, 1, 2, 3), done.runs().stream().map(BacktestRun::n).toList());
        int[][] expected = {{5, 20}, {5, 30}, {7, 20}, {7, 30}};
        for (BacktestRun run : done.runs()) {
            int fast = expected[run.n()][0];
            int slow = expected[run.n()][1];
            assertEquals(Map.of("fast", fast, "slow", slow), run.strategy().params());
            assertEquals(BacktestState.DONE, run.state());
            // the same run, straight through the engine
            BacktestResult direct = new BacktestEngine().run(new CrossingSma(), series, new BacktestSetup("BTCUSDT",
                    Map.of("fast", fast, "slow", slow), RISK, BALANCES, new BigDecimal("7.5"), new BigDecimal("1")));
            assertEquals(direct.report(), run.report());
            assertTrue("the run traded", run.report().fills() > 10);
            List<RunFill> fills = runner.fills(done.id(), run.n(), 0, 10_000);
            assertEquals(RunResults.fills(direct, "USDT"), fills);
            assertEquals(fills.subList(3, 5), runner.fills(done.id(), run.n(), 3, 2));
            assertEquals(RunResults.trades(direct), runner.trades(done.id(), run.n(), 0, 10_000));
            List<EquityPoint> equity = runner.equity(done.id(), run.n(), 100);
            assertTrue(equity.size() <= 100);
            BigDecimal lowest = direct.report().maxDrawdown().signum() >= 0 ? lowest(direct) : null;
            assertTrue("the curve's lowest point is kept", equity.stream()
                    .anyMatch(p -> p.equity().compareTo(lowest) == 0));
        }
        // results survive a reopen of the store and a new runner
        runner.close();
        stores.close();
        stores = JdbcStores.open("jdbc:h2:file:" + tmp.getRoot() + "/db/botfleet", "", "", 4);
        runner = new BacktestRunner(stores.backtests(), instances, datasets, 2, Clock.systemUTC());
        assertEquals(done.runs(), runner.get(done.id()).orElseThrow().runs());
        assertEquals(BacktestState.DONE, runner.get(done.id()).orElseThrow().state());
        assertEquals(done.id(), runner.list(10).get(0).id());
    }

    @Test
    public void aRequestNamingNoBalancesOpensWithTheDefaultOfTheQuoteCoinAndIsStoredSo() throws Exception {
        BacktestRequest asked = request(List.of("1.0.0"), params(List.of(5), List.of(20)), null, null)
                .withBalances(Map.of());
        Backtest queued = runner.submit(asked, "ops");
        Map<String, BigDecimal> opening = Map.of("USDT", new BigDecimal("100000"));
        assertEquals(opening, queued.request().balances());
        Backtest done = awaitFinished(queued.id());
        assertEquals(done.error(), BacktestState.DONE, done.state());
        assertEquals(opening, runner.get(done.id()).orElseThrow().request().balances());
        BacktestResult direct = new BacktestEngine().run(new CrossingSma(), datasets.load(KEY).orElseThrow(),
                new BacktestSetup("BTCUSDT", Map.of("fast", 5, "slow", 20), RISK, opening, new BigDecimal("7.5"),
                        new BigDecimal("1")));
        assertEquals(direct.report(), done.runs().get(0).report());
        // balances a request names are used as they are
        Backtest named = runner.submit(request(List.of("1.0.0"), params(List.of(5), List.of(20)), null, null), "ops");
        assertEquals(BALANCES, named.request().balances());
        awaitFinished(named.id());
    }

    private static BigDecimal lowest(BacktestResult result) {
        BigDecimal min = result.equity().value(0);
        for (int i = 1; i < result.equity().size(); i++) {
            min = min.min(result.equity().value(i));
        }
        return min;
    }

    @Test
    public void aStrategyThatThrowsFailsOnlyItsRun() throws Exception {
        Backtest b = awaitFinished(runner.submit(request(List.of("1.0.0", "6.6.6"), params(List.of(5), List.of(20)),
                null, null), "ops").id());
        assertEquals(BacktestState.DONE, b.state());
        assertEquals(BacktestState.DONE, b.runs().get(0).state());
        BacktestRun failed = b.runs().get(1);
        assertEquals(BacktestState.FAILED, failed.state());
        assertTrue(failed.error(), failed.error().contains("strategy threw") && failed.error().contains("candle 100"));
        assertEquals(100, failed.report().candles());
        assertEquals(b.progress().candles(), b.progress().candlesDone());
    }

    @Test
    public void whenEveryRunFailsTheBacktestFailsWithTheFirstReason() throws Exception {
        Backtest b = awaitFinished(runner.submit(request(List.of("6.6.6"), params(List.of(5, 6), List.of(20)),
                null, null), "ops").id());
        assertEquals(BacktestState.FAILED, b.state());
        assertTrue(b.error(), b.error().startsWith("every run failed; the first: strategy threw"));
    }

    @Test
    public void aCancelStopsTheRunningRunsWithin100MillisAndStartsNoMore() throws Exception {
        Backtest b = runner.submit(request(List.of("7.7.7"), params(List.of(5, 6, 7, 8, 9), List.of(20)), null, null),
                "ops");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (slowCandles.get() == 0) {
            assertTrue("a run started", System.nanoTime() < deadline);
            Thread.sleep(5);
        }
        assertEquals(BacktestState.RUNNING, runner.get(b.id()).orElseThrow().state());
        assertEquals(BacktestService.Removal.CANCELLED, runner.cancelOrDelete(b.id()));
        long atCancel = slowCandles.get();
        assertEquals(BacktestState.CANCELLED, runner.get(b.id()).orElseThrow().state());
        Thread.sleep(600);
        // The engine looks at the flag every 1,024 candles: each of the two running runs decides at
        // most that many more (about 20 ms of this strategy; a real one decides 1,024 candles in
        // well under a millisecond), and the three runs not started never start.
        long after = slowCandles.get() - atCancel;
        assertTrue(after + " candles decided after the cancel", after <= 2 * 1024);
        assertEquals("nothing runs any more", slowCandles.get() - atCancel, after);
        Backtest cancelled = runner.get(b.id()).orElseThrow();
        assertEquals(BacktestState.CANCELLED, cancelled.state());
        assertTrue("no run ended", cancelled.runs().isEmpty());
        // once finished, a second DELETE deletes it
        assertEquals(BacktestService.Removal.DELETED, runner.cancelOrDelete(b.id()));
        assertTrue(runner.get(b.id()).isEmpty());
        assertThrows(BacktestNotFoundException.class, () -> runner.cancelOrDelete(b.id()));
    }

    @Test
    public void aBacktestRunningWhenTheServerStoppedIsFailedAtTheNextStart() throws Exception {
        Backtest b = runner.submit(request(List.of("7.7.7"), params(List.of(5), List.of(20)), null, null), "ops");
        while (runner.get(b.id()).orElseThrow().state() != BacktestState.RUNNING) {
            Thread.sleep(5);
        }
        // a crash: the old runner never stops; a new one opens the same store
        BacktestRunner next = new BacktestRunner(stores.backtests(), instances, datasets, 1, Clock.systemUTC());
        try {
            Backtest after = next.get(b.id()).orElseThrow();
            assertEquals(BacktestState.FAILED, after.state());
            assertEquals(BacktestRunner.INTERRUPTED, after.error());
        } finally {
            next.close();
        }
    }

    @Test
    public void badInputIsRefusedNamingWhatIsWrongAndNothingIsStored() throws Exception {
        BacktestNotFoundException version = assertThrows(BacktestNotFoundException.class, () -> runner.submit(
                request(List.of("1.0.0", "9.9.9"), params(List.of(5), List.of(20)), null, null), "ops"));
        assertTrue(version.getMessage(), version.getMessage().contains("'9.9.9'"));

        InvalidBacktestException params = assertThrows(InvalidBacktestException.class, () -> runner.submit(
                request(List.of("1.0.0"), params(List.of(5, 30), List.of(20)), null, null), "ops"));
        assertEquals("strategy.params", params.field());
        assertTrue(params.getMessage(), params.getMessage().contains("fast must be > 0 and < slow")
                && params.getMessage().contains("run 1") && params.getMessage().contains("fast=30"));

        CandleSeries series = datasets.load(KEY).orElseThrow();
        Instant first = series.openTime(0);
        InvalidBacktestException before = assertThrows(InvalidBacktestException.class, () -> runner.submit(
                request(List.of("1.0.0"), params(List.of(5), List.of(20)), first.minusSeconds(60), null), "ops"));
        assertEquals("data.from", before.field());
        Instant last = series.openTime(series.size() - 1);
        InvalidBacktestException after = assertThrows(InvalidBacktestException.class, () -> runner.submit(
                request(List.of("1.0.0"), params(List.of(5), List.of(20)), null, last.plusSeconds(3600)), "ops"));
        assertEquals("data.to", after.field());

        BacktestNotFoundException missing = assertThrows(BacktestNotFoundException.class, () -> runner.submit(
                new BacktestRequest(new StrategySweep("sma", List.of("1.0.0"), Map.of()),
                        new DatasetRange("bybit", "ETHUSDT", "1m", null, null), RISK, BALANCES, BigDecimal.ZERO,
                        BigDecimal.ZERO), "ops"));
        assertTrue(missing.getMessage(), missing.getMessage().contains("bybit/ETHUSDT/1m"));

        datasets.importCsv(DatasetKey.of("bybit", "SOLUSDT", "1m"),
                new ByteArrayInputStream((CandleCsv.HEADER + "\n").getBytes(StandardCharsets.UTF_8)));
        InvalidBacktestException empty = assertThrows(InvalidBacktestException.class, () -> runner.submit(
                new BacktestRequest(new StrategySweep("sma", List.of("1.0.0"), params(List.of(5), List.of(20))),
                        new DatasetRange("bybit", "SOLUSDT", "1m", null, null), RISK, BALANCES, BigDecimal.ZERO,
                        BigDecimal.ZERO), "ops"));
        assertTrue(empty.getMessage(), empty.getMessage().contains("is empty"));

        assertTrue("nothing stored", runner.list(10).isEmpty());
        assertThrows(BacktestNotFoundException.class, () -> runner.fills("nope", 0, 0, 10));
    }

    /** Throws on its 100th candle. */
    static final class ThrowsAtCandle100 extends CrossingSma {
        private int candles;

        @Override
        public void onCandle(Candle candle, StrategyContext context) {
            if (++candles == 100) {
                throw new IllegalStateException("candle 100");
            }
            super.onCandle(candle, context);
        }
    }

    /** About 20 microseconds per candle (a busy wait), so a run lasts a few hundred ms; counts its candles. */
    static final class Slow extends CrossingSma {
        private final BacktestRunnerTest test;

        Slow(BacktestRunnerTest test) {
            this.test = test;
        }

        @Override
        public void onCandle(Candle candle, StrategyContext context) {
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            test.slowCandles.incrementAndGet();
            super.onCandle(candle, context);
        }
    }
}
