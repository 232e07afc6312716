package io.botfleet.control.http.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.SweepProgress;
import io.botfleet.api.backtest.json.BacktestJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns successive looks at the backtests being run into {@code backtest} events: one when a
 * backtest appears, when its state or progress changed, and when it ends. Like {@link FleetDiff}
 * it reads: the backtest service keeps the running ones (and those that ended within the last
 * minute) in memory, so a look costs no database read.
 */
public final class BacktestDiff {

    private record Seen(String state, SweepProgress progress) {
    }

    private final Map<String, Seen> seen = new HashMap<>();

    /** The events since the last call. */
    public List<FleetDiff.Change> next(List<Backtest> recent) {
        List<FleetDiff.Change> out = new ArrayList<>();
        Map<String, Seen> now = new HashMap<>();
        for (Backtest b : recent) {
            Seen current = new Seen(b.state().name(), b.progress());
            now.put(b.id(), current);
            if (!Objects.equals(seen.get(b.id()), current)) {
                out.add(new FleetDiff.Change("backtest", event(b)));
            }
        }
        seen.clear();
        seen.putAll(now);
        return out;
    }

    /** The {@code Backtest} without its request and runs: id, state, times, actor, progress, error. */
    static ObjectNode event(Backtest b) {
        ObjectNode n = BacktestJson.backtest(b.withoutRuns());
        n.remove("request");
        n.remove("runs");
        return n;
    }
}
