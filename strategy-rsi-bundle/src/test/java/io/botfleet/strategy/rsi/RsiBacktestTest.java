package io.botfleet.strategy.rsi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.backtest.RunReport;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.backtest.engine.BacktestFill;
import io.botfleet.backtest.engine.BacktestResult;
import io.botfleet.backtest.engine.BacktestState;
import io.botfleet.testdata.CandleFiles;
import io.botfleet.testkit.OfflineBacktest;
import io.botfleet.testkit.RecordedSignal;
import io.botfleet.testkit.StrategyHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * The strategy in the offline backtest (the server's engine) on the real BTC file: it trades,
 * every buy fills at the close of a candle on which the strategy entered, and the report counts
 * round trips that alternate buy and sell.
 */
public class RsiBacktestTest {

    @Test
    public void backtestOnRealData() {
        List<Candle> candles = CandleCsv.read(CandleFiles.path(CandleFiles.UNITTEST_BTC), "UNITBTC", Interval.M1);
        BacktestResult result = OfflineBacktest.of(new RsiReversion()).params(Map.of())
                .orderQty("1").balance("BTC", "1000").feeBps("7.5").run(candles);
        assertEquals(result.error(), BacktestState.DONE, result.state());
        RunReport report = result.report();
        assertTrue("should trade: " + report, report.trades() > 3);

        RsiReversion twin = new RsiReversion();
        twin.configure(Map.of());
        Set<Instant> entries = new StrategyHarness(twin).feed(candles).signals().stream()
                .filter(s -> s.type().isEntry()).map(RecordedSignal::candleOpenTime).collect(Collectors.toSet());
        for (BacktestFill fill : result.fills()) {
            if (fill.side() == OrderSide.BUY) {
                assertTrue("buy at " + fill.candleTime() + " without an entry signal", entries.contains(fill.candleTime()));
            }
        }
        assertEquals(report.fills(), report.trades() * 2L + (report.finalQty().signum() == 0 ? 0 : 1));
    }
}
