package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One line of a backtest's progress for a terminal, redrawn in place with a carriage return:
 * {@code [########------------]  40%  runs 4/10  candles 2,102,400/5,256,000}.
 */
final class ProgressBar {

    static final int WIDTH = 30;

    private ProgressBar() {
    }

    /** The line for a {@code progress} object ({@code runsDone, runs, candlesDone, candles}) and the state. */
    static String line(String state, JsonNode progress) {
        long runsDone = progress.path("runsDone").asLong(0);
        long runs = progress.path("runs").asLong(0);
        long candlesDone = progress.path("candlesDone").asLong(0);
        long candles = progress.path("candles").asLong(0);
        double fraction = candles > 0 ? (double) candlesDone / candles : runs > 0 ? (double) runsDone / runs : 0;
        fraction = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.floor(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  runs %d/%d  candles %,d/%,d  %s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), (int) Math.floor(fraction * 100), runsDone, runs, candlesDone, candles,
                state);
    }
}
