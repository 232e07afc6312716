package io.botfleet.persistence.backtest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.BacktestRun;
import io.botfleet.api.backtest.BacktestState;
import io.botfleet.api.backtest.DatasetRange;
import io.botfleet.api.backtest.EquityPoint;
import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunReport;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.api.backtest.StrategySweep;
import io.botfleet.api.backtest.SweepProgress;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.persistence.testing.StoreTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class JdbcBacktestStoreTest extends StoreTestBase {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static BacktestRequest request() {
        Map<String, List<Object>> params = new LinkedHashMap<>();
        params.put("fast", List.of(5, 7));
        params.put("slow", List.of(25));
        return new BacktestRequest(new StrategySweep("sma-crossover", List.of("1.0.0", "1.1.0"), params),
                new DatasetRange("bybit", "BTCUSDT", "1m", T0, null),
                new RiskLimits(new BigDecimal("0.01"), new BigDecimal("0.05"), null, new BigDecimal("2"), null, null),
                Map.of("USDT", new BigDecimal("100000.00")), new BigDecimal("7.5"), new BigDecimal("1"));
    }

    private static Backtest queued(String id, Instant createdAt) {
        return new Backtest(id, BacktestState.QUEUED, createdAt, null, null, "ops", request(),
                SweepProgress.of(4, 1000), null, List.of());
    }

    private static RunReport report() {
        return new RunReport(1000, T0, T0.plusSeconds(999 * 60), 12, 11, 5, 3, 2, 60.0,
                new BigDecimal("12.3400"), new BigDecimal("20.1"), new BigDecimal("7.76"), new BigDecimal("0.5500"),
                0.01234, 2.59, new BigDecimal("9.87"), 0.0099, null, null, 41.5, 33.2, -1.5,
                Map.of("USDT", new BigDecimal("100012.34"), "BTC", new BigDecimal("0.00000000")),
                new BigDecimal("0.01"), new BigDecimal("60123.5"));
    }

    private static List<RunFill> fills(int count) {
        List<RunFill> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(new RunFill(i, i % 2 == 1 ? OrderSide.BUY : OrderSide.SELL, new BigDecimal("0.010"),
                    new BigDecimal("60000." + i), new BigDecimal("0.45"), "USDT", T0.plusSeconds(60L * i),
                    T0.plusSeconds(60L * (i - 1))));
        }
        return out;
    }

    @Test
    public void aBacktestAndItsRunsSurviveAReopenExactly() {
        stores.backtests().create(queued("b1", T0));
        Instant started = T0.plusSeconds(1);
        stores.backtests().update("b1", BacktestState.RUNNING, started, null, new SweepProgress(0, 4, 10, 4000), null);
        List<RunFill> fills = fills(17_500); // 18 pages: more than one JDBC batch of them
        List<RunTrade> trades = List.of(new RunTrade(1, "LONG", T0.plusSeconds(60), T0.plusSeconds(120),
                new BigDecimal("0.010"), new BigDecimal("60000.1"), new BigDecimal("60000.2"), new BigDecimal("-0.899"),
                new BigDecimal("0.90"), 2));
        List<EquityPoint> equity = List.of(new EquityPoint(T0, new BigDecimal("100000.00")),
                new EquityPoint(T0.plusSeconds(60), new BigDecimal("99999.5500")));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fast", 7);
        params.put("slow", 25);
        BacktestRun run = new BacktestRun(1, new StrategySpec("sma-crossover", "1.0.0", params), BacktestState.DONE,
                null, report());
        assertTrue(stores.backtests().addRun("b1", run, fills, trades, equity, new SweepProgress(1, 4, 1000, 4000)));

        reopen();
        Backtest b = stores.backtests().find("b1").orElseThrow();
        assertEquals(BacktestState.RUNNING, b.state());
        assertEquals(T0, b.createdAt());
        assertEquals(started, b.startedAt());
        assertNull(b.finishedAt());
        assertEquals(request(), b.request());
        assertEquals(new SweepProgress(1, 4, 1000, 4000), b.progress());
        assertEquals(List.of(run), b.runs());
        assertEquals(fills.subList(0, 10_000), stores.backtests().fills("b1", 1, 0, 10_000));
        assertEquals(fills.subList(10_000, 17_500), stores.backtests().fills("b1", 1, 10_000, 10_000));
        assertEquals(fills.subList(2000, 2010), stores.backtests().fills("b1", 1, 2000, 10));
        assertEquals(trades, stores.backtests().trades("b1", 1, 0, 10));
        assertEquals(List.of(), stores.backtests().trades("b1", 1, 1, 10));
        assertEquals(equity, stores.backtests().equity("b1", 1));
        assertTrue(stores.backtests().hasRun("b1", 1));
        assertFalse(stores.backtests().hasRun("b1", 0));
    }

    @Test
    public void aListingIsNewestFirstWithoutRuns() {
        stores.backtests().create(queued("old", T0));
        stores.backtests().create(queued("new", T0.plusSeconds(5)));
        stores.backtests().create(queued("mid", T0.plusSeconds(2)));
        List<Backtest> all = stores.backtests().list(10);
        assertEquals(List.of("new", "mid", "old"), all.stream().map(Backtest::id).toList());
        assertEquals(List.of("new", "mid"), stores.backtests().list(2).stream().map(Backtest::id).toList());
        assertTrue(all.get(0).runs().isEmpty());
    }

    @Test
    public void unfinishedBacktestsFailWithTheReasonAndFinishedOnesStay() {
        stores.backtests().create(queued("queued", T0));
        stores.backtests().create(queued("running", T0));
        stores.backtests().update("running", BacktestState.RUNNING, T0, null, SweepProgress.of(4, 1000), null);
        stores.backtests().create(queued("done", T0));
        stores.backtests().update("done", BacktestState.DONE, T0, T0.plusSeconds(3), new SweepProgress(4, 4, 4000, 4000),
                null);

        reopen();
        Instant restart = T0.plusSeconds(3600);
        assertEquals(2, stores.backtests().failUnfinished("the server stopped while it ran", restart));
        Backtest running = stores.backtests().find("running").orElseThrow();
        assertEquals(BacktestState.FAILED, running.state());
        assertEquals("the server stopped while it ran", running.error());
        assertEquals(restart, running.finishedAt());
        assertEquals(BacktestState.FAILED, stores.backtests().find("queued").orElseThrow().state());
        assertEquals(BacktestState.DONE, stores.backtests().find("done").orElseThrow().state());
    }

    @Test
    public void deleteTakesEverythingOfTheBacktestOnly() {
        stores.backtests().create(queued("a", T0));
        stores.backtests().create(queued("b", T0));
        BacktestRun run = new BacktestRun(0, new StrategySpec("sma-crossover", "1.0.0", Map.of()), BacktestState.FAILED,
                "strategy threw", report());
        stores.backtests().addRun("a", run, fills(3), List.of(), List.of(), new SweepProgress(1, 4, 10, 4000));
        stores.backtests().addRun("b", run, fills(3), List.of(), List.of(), new SweepProgress(1, 4, 10, 4000));

        assertTrue(stores.backtests().delete("a"));
        assertFalse(stores.backtests().delete("a"));
        assertTrue(stores.backtests().find("a").isEmpty());
        assertEquals(List.of(), stores.backtests().fills("a", 0, 0, 10));
        assertEquals(3, stores.backtests().fills("b", 0, 0, 10).size());
        assertFalse("a run of a deleted backtest is not stored",
                stores.backtests().addRun("a", run, fills(1), List.of(), List.of(), new SweepProgress(2, 4, 10, 4000)));
    }

    @Test
    public void pagesAreReadAcrossTheirEdgesAndKeepEveryValueExactly() {
        stores.backtests().create(queued("p", T0));
        List<RunFill> fills = new ArrayList<>(fills(2001));
        // a scale below zero, a long fraction, an instant finer than a millisecond: all kept as they are
        fills.set(999, new RunFill(1000, OrderSide.SELL, new BigDecimal("1E+3"), new BigDecimal("60000.123456789012"),
                new BigDecimal("0E-8"), "USDT", T0.plusNanos(1_500), T0.minusMillis(1)));
        List<RunTrade> trades = new ArrayList<>();
        for (int i = 1; i <= 1001; i++) {
            trades.add(new RunTrade(i, i % 2 == 0 ? "SHORT" : "LONG", T0.plusSeconds(i), T0.plusSeconds(i + 60),
                    new BigDecimal("0.010"), new BigDecimal("60000.1"), new BigDecimal("60000.2"),
                    new BigDecimal("-0.899").add(BigDecimal.valueOf(i, 3)), new BigDecimal("0.90"), 2));
        }
        BacktestRun run = new BacktestRun(0, new StrategySpec("sma-crossover", "1.0.0", Map.of()), BacktestState.DONE,
                null, report());
        assertTrue(stores.backtests().addRun("p", run, fills, trades, List.of(), new SweepProgress(1, 4, 10, 4000)));

        reopen();
        assertEquals(fills.subList(997, 1003), stores.backtests().fills("p", 0, 997, 6));
        assertEquals(fills.subList(999, 1000), stores.backtests().fills("p", 0, 999, 1));
        assertEquals(fills.subList(1000, 2001), stores.backtests().fills("p", 0, 1000, 10_000));
        assertEquals(fills.subList(2000, 2001), stores.backtests().fills("p", 0, 2000, 10));
        assertEquals(List.of(), stores.backtests().fills("p", 0, 2001, 10));
        assertEquals(List.of(), stores.backtests().fills("p", 1, 0, 10));
        assertEquals(fills.subList(0, 3), stores.backtests().fills("p", 0, -5, 3));
        assertEquals(trades, stores.backtests().trades("p", 0, 0, 10_000));
        assertEquals(trades.subList(999, 1001), stores.backtests().trades("p", 0, 999, 5));
        RunFill stored = stores.backtests().fills("p", 0, 999, 1).get(0);
        assertEquals(-3, stored.qty().scale());
        assertEquals(8, stored.fee().scale());
    }

    @Test
    public void itemsOutOfOrderOrHoldingASeparatorAreRefusedAndNothingIsStored() {
        stores.backtests().create(queued("r", T0));
        BacktestRun run = new BacktestRun(0, new StrategySpec("sma-crossover", "1.0.0", Map.of()), BacktestState.DONE,
                null, report());
        List<RunFill> skipped = List.of(fills(3).get(0), fills(3).get(2));
        try {
            stores.backtests().addRun("r", run, skipped, List.of(), List.of(), new SweepProgress(1, 4, 10, 4000));
            throw new AssertionError("fills numbered 1, 3 were stored");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("item 2 has seq 3"));
        }
        RunFill comma = new RunFill(1, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ZERO, "US,DT", T0, T0);
        try {
            stores.backtests().addRun("r", run, List.of(comma), List.of(), List.of(), new SweepProgress(1, 4, 10, 4000));
            throw new AssertionError("a fee currency with a comma was stored");
        } catch (RuntimeException expected) {
            assertTrue(String.valueOf(expected), String.valueOf(expected).contains("US,DT"));
        }
        assertFalse(stores.backtests().hasRun("r", 0));
        assertEquals(List.of(), stores.backtests().fills("r", 0, 0, 10));
    }
}
