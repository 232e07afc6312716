package io.botfleet.exchange.paper;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Decimals;
import io.botfleet.api.market.Interval;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a candle CSV: a header line, then {@code open_time_ms,open,high,low,close,volume}, oldest
 * first. A bad row (wrong field count, a non-number, high below low, a time not after the
 * previous row) is skipped with a warning naming its line: one damaged row in a long recording
 * should not stop a backtest, and the warning says exactly what was left out.
 */
final class CsvCandles {

    private static final System.Logger LOG = System.getLogger(CsvCandles.class.getName());
    private static final String HEADER = "open_time_ms,open,high,low,close,volume";

    private CsvCandles() {
    }

    /** The file's candles and how many rows were skipped. */
    record Result(List<Candle> candles, int skipped) {
    }

    static Result read(Path file, String symbol, Interval interval) throws IOException {
        List<Candle> candles = new ArrayList<>();
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.trim().replace(" ", "").equalsIgnoreCase(HEADER)) {
                throw new IOException(file + ": line 1 must be the header '" + HEADER
                        + "', was '" + header + "'");
            }
            int lineNumber = 1;
            Instant previous = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Candle candle = parse(line, symbol, interval);
                    if (previous != null && !candle.openTime().isAfter(previous)) {
                        throw new IllegalArgumentException("open time " + candle.openTime()
                                + " is not after the previous row's " + previous);
                    }
                    candles.add(candle);
                    previous = candle.openTime();
                } catch (IllegalArgumentException e) {
                    skipped++;
                    LOG.log(Level.WARNING, "{0}: skipping line {1}: {2}", file, lineNumber,
                            e.getMessage());
                }
            }
        }
        return new Result(candles, skipped);
    }

    private static Candle parse(String line, String symbol, Interval interval) {
        String[] fields = line.split(",", -1);
        if (fields.length != 6) {
            throw new IllegalArgumentException("expected 6 fields, found " + fields.length);
        }
        return new Candle(symbol, interval,
                Instant.ofEpochMilli(Long.parseLong(fields[0].trim())),
                decimal(fields[1], "open"), decimal(fields[2], "high"), decimal(fields[3], "low"),
                decimal(fields[4], "close"), decimal(fields[5], "volume"), true);
    }

    private static BigDecimal decimal(String text, String field) {
        try {
            return Decimals.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " " + e.getMessage());
        }
    }
}
