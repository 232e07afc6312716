package io.botfleet.exchange.paper;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.CandleCsvException;
import io.botfleet.api.market.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a replay file with the platform's one candle reader ({@link CandleCsv}), leniently: a bad
 * row is skipped with a warning naming its line and field, since one damaged row in a long
 * recording should not stop a replay, and the warning says exactly what was left out. A file
 * without the header is refused whole.
 */
final class CsvCandles {

    private static final System.Logger LOG = System.getLogger(CsvCandles.class.getName());

    private CsvCandles() {
    }

    /** The file's candles and how many rows were skipped. */
    record Result(List<Candle> candles, int skipped) {
    }

    static Result read(Path file, String symbol, Interval interval) throws IOException {
        int[] skipped = {0};
        try (InputStream in = Files.newInputStream(file)) {
            List<Candle> candles = CandleCsv.readSkipping(in, file.toString(), symbol, interval, bad -> {
                skipped[0]++;
                LOG.log(Level.WARNING, "skipping {0}", bad.getMessage());
            });
            return new Result(candles, skipped[0]);
        } catch (CandleCsvException badHeader) { // not a candle file at all: nothing to replay
            throw new IOException(badHeader.getMessage(), badHeader);
        }
    }
}
