package io.botfleet.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.api.sim.MarketFillModel;
import io.botfleet.backtest.engine.BacktestFill;
import io.botfleet.backtest.engine.BacktestResult;
import io.botfleet.backtest.engine.BacktestState;
import io.botfleet.backtest.engine.PaperInstrument;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The one-call backtest against the harness on the real BTC file: with a large balance and only
 * an order quantity (the rules the harness models), the engine's fills are the harness's fills,
 * to the digit; and the report adds up.
 */
public class OfflineBacktestTest {

    @Test
    public void sameFillsAsTheHarnessAndAReport() {
        List<Candle> candles = CandleCsv.read(CandleFiles.path(CandleFiles.UNITTEST_BTC), "UNITBTC", Interval.M1);
        BacktestResult result = OfflineBacktest.of(new UpTick()).params(Map.of("minMove", "0.00001"))
                .orderQty("3.5").balance("BTC", "1000000").feeBps("7.5").slippageBps("3").run(candles);
        assertEquals(result.error(), BacktestState.DONE, result.state());

        UpTick twin = new UpTick();
        twin.configure(Map.of("minMove", "0.00001"));
        StrategyHarness harness = new StrategyHarness(twin).orderQty("3.5")
                .instrument(PaperInstrument.derive("UNITBTC", candles))
                .fillModel(new MarketFillModel(new BigDecimal("7.5"), new BigDecimal("3")));
        harness.feed(candles);
        List<SimulatedFill> expected = harness.fills();
        List<BacktestFill> fills = result.fills();
        assertTrue("should trade often, traded " + fills.size(), fills.size() > 100);
        assertEquals(expected.size(), fills.size());
        for (int i = 0; i < fills.size(); i++) {
            String where = "fill " + i;
            assertEquals(where, expected.get(i).time(), fills.get(i).time());
            assertEquals(where, expected.get(i).side(), fills.get(i).side());
            assertEquals(where, expected.get(i).qty(), fills.get(i).qty());
            assertEquals(where, expected.get(i).price(), fills.get(i).price());
            assertEquals(where, expected.get(i).fee(), fills.get(i).fee());
        }
        assertEquals(candles.size(), result.report().candles());
        BigDecimal quoteChange = expected.stream().map(SimulatedFill::quoteChange).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertEquals(0, new BigDecimal("1000000").add(quoteChange).compareTo(result.report().endBalances().get("BTC")));
    }

    @Test(expected = IllegalArgumentException.class)
    public void noCandlesIsAClearError() {
        OfflineBacktest.of(new UpTick()).run(List.of());
    }
}
