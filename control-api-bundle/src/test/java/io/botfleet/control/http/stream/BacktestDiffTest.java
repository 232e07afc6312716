package io.botfleet.control.http.stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.BacktestState;
import io.botfleet.api.backtest.DatasetRange;
import io.botfleet.api.backtest.StrategySweep;
import io.botfleet.api.backtest.SweepProgress;
import io.botfleet.api.bot.RiskLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class BacktestDiffTest {

    private static final BacktestRequest REQUEST = new BacktestRequest(
            new StrategySweep("sma-crossover", List.of("1.0.0"), Map.of()),
            new DatasetRange("bybit", "BTCUSDT", "1m", null, null), RiskLimits.ofOrderQty(new BigDecimal("0.01")),
            Map.of("USDT", new BigDecimal("1000")), BigDecimal.ZERO, BigDecimal.ZERO);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static Backtest backtest(String id, BacktestState state, SweepProgress progress) {
        return new Backtest(id, state, T0, null, null, "ops", REQUEST, progress, null, List.of());
    }

    @Test
    public void anEventWhenABacktestAppearsMovesOrEndsAndNoneWhileNothingChanged() {
        BacktestDiff diff = new BacktestDiff();
        Backtest queued = backtest("b1", BacktestState.QUEUED, new SweepProgress(0, 1, 0, 100));
        List<FleetDiff.Change> first = diff.next(List.of(queued));
        assertEquals(1, first.size());
        assertEquals("backtest", first.get(0).name());
        assertEquals("QUEUED", first.get(0).data().path("state").asText());
        assertFalse("no request in an event", first.get(0).data().has("request"));
        assertEquals(List.of(), diff.next(List.of(queued)));

        Backtest moved = backtest("b1", BacktestState.RUNNING, new SweepProgress(0, 1, 64, 100));
        List<FleetDiff.Change> progress = diff.next(List.of(moved));
        assertEquals(64, progress.get(0).data().path("progress").path("candlesDone").asLong());
        assertEquals(List.of(), diff.next(List.of(moved)));

        Backtest done = backtest("b1", BacktestState.DONE, new SweepProgress(1, 1, 100, 100));
        assertEquals("DONE", diff.next(List.of(done)).get(0).data().path("state").asText());
        assertEquals("gone from the recent ones: nothing to say", List.of(), diff.next(List.of()));
    }
}
