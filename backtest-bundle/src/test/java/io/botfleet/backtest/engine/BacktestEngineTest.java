package io.botfleet.backtest.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.backtest.dataset.CandleSeries;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/** The engine's own behaviour around the fills: equity and trades from its fills, failure, cancel, progress, slices. */
public class BacktestEngineTest {

    private static final BacktestSetup SETUP = new BacktestSetup("TIEUSDT", Map.of("fast", 10, "slow", 30),
            RiskLimits.ofOrderQty(BigDecimal.ONE), Map.of("USDT", new BigDecimal("1000")), new BigDecimal("10"),
            BigDecimal.ZERO);

    private static CandleSeries ties(int n) {
        List<Candle> candles = CandleCsv.read(new ByteArrayInputStream(TieCandles.csv(n, 3)
                .getBytes(StandardCharsets.US_ASCII)), "ties", "TIEUSDT", Interval.M1);
        CandleSeries.Builder b = new CandleSeries.Builder(Interval.M1, n);
        candles.forEach(b::add);
        return b.build();
    }

    @Test
    public void equityIsTheBalancesMarkedAtEachClose() {
        CandleSeries series = ties(3000);
        BacktestResult r = new BacktestEngine().run(new CrossingSma(), series, SETUP);
        assertEquals(BacktestState.DONE, r.state());
        assertEquals(3001, r.equity().size());
        assertEquals(new BigDecimal("1000"), r.equity().value(0));
        // replay the fills over the balances independently
        BigDecimal quote = new BigDecimal("1000");
        BigDecimal base = BigDecimal.ZERO;
        int f = 0;
        for (int i = 0; i < series.size(); i++) {
            Candle c = series.candle(i, "TIEUSDT");
            while (f < r.fills().size() && r.fills().get(f).candleTime().equals(c.openTime())) {
                BacktestFill fill = r.fills().get(f++);
                BigDecimal notional = fill.qty().multiply(fill.price());
                boolean buy = fill.side() == OrderSide.BUY;
                quote = buy ? quote.subtract(notional).subtract(fill.fee()) : quote.add(notional).subtract(fill.fee());
                base = buy ? base.add(fill.qty()) : base.subtract(fill.qty());
                assertEquals(c.close(), fill.price());
                assertEquals(c.closeTime(), fill.time());
            }
            assertEquals(0, quote.add(base.multiply(c.close())).compareTo(r.equity().value(i + 1)));
            assertEquals("point " + (i + 1) + " is at the candle's close", c.closeTime(), r.equity().time(i + 1));
        }
        assertEquals("the opening point is at the first candle's open", series.openTime(0), r.equity().time(0));
        BigDecimal tradesPnl = r.trades().stream().map(BacktestTrade::pnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal open = base.signum() == 0 ? BigDecimal.ZERO
                : r.equity().value(r.equity().size() - 1).subtract(new BigDecimal("1000")).subtract(tradesPnl);
        assertEquals(0, r.report().netPnl().compareTo(tradesPnl.add(open)));
        assertTrue(r.trades().size() > 5);
    }

    @Test
    public void aThrowingStrategyFailsTheRunWithTheReason() {
        Strategy bomb = new CrossingSma() {
            private int calls;

            @Override
            public void onCandle(Candle candle, StrategyContext context) {
                if (++calls == 100) {
                    throw new IllegalStateException("boom at 100");
                }
                super.onCandle(candle, context);
            }
        };
        BacktestResult r = new BacktestEngine().run(bomb, ties(500), SETUP);
        assertEquals(BacktestState.FAILED, r.state());
        assertTrue(r.error(), r.error().contains("boom at 100"));
        assertEquals(100, r.report().candles());
    }

    @Test
    public void refusedParamsFailTheRun() {
        BacktestSetup bad = new BacktestSetup("TIEUSDT", Map.of("fast", 30, "slow", 10), SETUP.risk(),
                SETUP.balances(), SETUP.feeBps(), SETUP.slippageBps());
        BacktestResult r = new BacktestEngine().run(new CrossingSma(), ties(100), bad);
        assertEquals(BacktestState.FAILED, r.state());
        assertTrue(r.error(), r.error().contains("fast must be"));
    }

    @Test
    public void cancelStopsWithinACheckAndProgressIsTold() {
        AtomicInteger asks = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        BacktestResult r = new BacktestEngine().run(new CrossingSma(), ties(10_000), 0, 10_000, SETUP,
                () -> asks.incrementAndGet() > 3, (done, total) -> lastDone.set(done));
        assertEquals(BacktestState.CANCELLED, r.state());
        assertEquals(3L * BacktestEngine.CHECK_EVERY, r.report().candles());
        assertEquals(3L * BacktestEngine.CHECK_EVERY, lastDone.get());
    }

    @Test
    public void aSliceRunsOnlyItsCandles() {
        CandleSeries series = ties(2000);
        BacktestResult r = new BacktestEngine().run(new CrossingSma(), series, 500, 1500, SETUP, () -> false,
                BacktestProgress.NONE);
        assertEquals(1000, r.report().candles());
        assertEquals(series.openTime(500), r.report().firstCandle());
        assertEquals(series.openTime(1499), r.report().lastCandle());
        assertEquals(1001, r.equity().size());
        assertEquals(series.openTime(500), r.equity().time(0));
        assertEquals(series.openTime(500).plusSeconds(60), r.equity().time(1));
        assertEquals(series.openTime(1500), r.equity().time(1000));
    }
}
