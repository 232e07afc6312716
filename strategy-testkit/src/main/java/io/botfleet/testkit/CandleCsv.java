package io.botfleet.testkit;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads candle files in the project's test-data format: a header
 * {@code open_time_ms,open,high,low,close,volume}, then one closed candle per line, oldest first,
 * {@code open_time_ms} in Unix milliseconds (UTC). The same files the paper exchange replays.
 *
 * <p>Strict, unlike a replay that skips bad rows: a test reading a file it did not mean to read
 * should fail, so any bad line is an error naming the source and the line.
 */
public final class CandleCsv {

    public static final String HEADER = "open_time_ms,open,high,low,close,volume";

    private CandleCsv() {
    }

    /** Reads a file; the candles are {@code symbol} candles of {@code interval}. */
    public static List<Candle> read(Path file, String symbol, Interval interval) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), symbol, interval);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read candle file " + file, e);
        }
    }

    /**
     * Reads a stream (a class-path resource, say); {@code source} names it in errors. The
     * stream is read to its end but not closed.
     *
     * @throws IllegalArgumentException naming the source and line of the first bad line
     */
    public static List<Candle> read(InputStream in, String source, String symbol,
                                    Interval interval) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8));
        List<Candle> candles = new ArrayList<>();
        try {
            String header = reader.readLine();
            if (header == null || !HEADER.equals(header.strip())) {
                throw new IllegalArgumentException(source + ":1: expected the header '" + HEADER
                        + "', found '" + header + "'");
            }
            int lineNumber = 1;
            Instant previous = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Candle candle = parse(line, symbol, interval, source, lineNumber);
                if (previous != null && !candle.openTime().isAfter(previous)) {
                    throw new IllegalArgumentException(source + ":" + lineNumber + ": open time "
                            + candle.openTime() + " is not after the previous line's " + previous);
                }
                previous = candle.openTime();
                candles.add(candle);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read candles from " + source, e);
        }
        return candles;
    }

    private static Candle parse(String line, String symbol, Interval interval, String source,
                                int lineNumber) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException(source + ":" + lineNumber + ": expected 6 fields, found "
                    + f.length);
        }
        try {
            return new Candle(symbol, interval, Instant.ofEpochMilli(Long.parseLong(f[0].strip())),
                    new BigDecimal(f[1].strip()), new BigDecimal(f[2].strip()),
                    new BigDecimal(f[3].strip()), new BigDecimal(f[4].strip()),
                    new BigDecimal(f[5].strip()), true);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException(source + ":" + lineNumber + ": " + e.getMessage()
                    + " in '" + line + "'", e);
        }
    }
}
