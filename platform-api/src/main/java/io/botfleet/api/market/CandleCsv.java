package io.botfleet.api.market;

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
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one reader of the project's candle files: a header {@value #HEADER}, then one closed
 * candle per line, oldest first, {@code open_time_ms} in Unix milliseconds (UTC) on the
 * interval's grid, then decimals ({@link Decimals}). Blank lines are ignored.
 *
 * <p>A line is refused, naming its number and field, when it has other than six fields, a field
 * is not a number, the open time is not after the previous line's or not on the interval's grid,
 * a price is not positive, the volume is negative, or high and low do not bound open, close and
 * each other. Strict readers ({@link #read}) stop at the first such line; lenient ones
 * ({@link #readSkipping}) leave it out and report it, for a long recording in which one damaged
 * row should not stop a replay.
 */
public final class CandleCsv {

    public static final String HEADER = "open_time_ms,open,high,low,close,volume";
    private static final String[] FIELDS = HEADER.split(",");

    private final String source;
    private final String symbol;
    private final Interval interval;
    private int lineNumber = 1;
    private Instant previous;

    /**
     * A reader of one source's lines after the header; {@code source} names it in errors, the
     * candles are {@code symbol} candles of {@code interval}.
     */
    public CandleCsv(String source, String symbol, Interval interval) {
        this.source = source;
        this.symbol = symbol;
        this.interval = interval;
    }

    /** All candles of {@code in} (read to its end, not closed); the first bad line is thrown. */
    public static List<Candle> read(InputStream in, String source, String symbol, Interval interval) {
        List<Candle> candles = new ArrayList<>();
        new CandleCsv(source, symbol, interval).readAll(in, candles::add, bad -> {
            throw bad;
        });
        return candles;
    }

    /** All candles of a file, named in errors by its path; the first bad line is thrown. */
    public static List<Candle> read(Path file, String symbol, Interval interval) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), symbol, interval);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read candle file " + file, e);
        }
    }

    /** The good candles of {@code in}; each bad line goes to {@code skipped} and is left out. */
    public static List<Candle> readSkipping(InputStream in, String source, String symbol,
                                            Interval interval, Consumer<CandleCsvException> skipped) {
        List<Candle> candles = new ArrayList<>();
        new CandleCsv(source, symbol, interval).readAll(in, candles::add, skipped);
        return candles;
    }

    /** Reads the header and every line of {@code in}, handing each candle or refusal on. */
    public void readAll(InputStream in, Consumer<Candle> candles, Consumer<CandleCsvException> refused) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            header(reader.readLine());
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Candle candle;
                try {
                    candle = next(line);
                } catch (CandleCsvException e) {
                    refused.accept(e);
                    continue;
                }
                if (candle != null) {
                    candles.accept(candle);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read candles from " + source, e);
        }
    }

    /** The number of the line read last (1 is the header): for a caller's own refusal of it. */
    public int line() {
        return lineNumber;
    }

    /** Checks the first line. */
    public void header(String line) {
        if (line == null || !HEADER.equals(line.strip().replace(" ", "").toLowerCase(Locale.ROOT))) {
            throw new CandleCsvException(source, 1, null, "expected the header '" + HEADER + "', found "
                    + (line == null ? "nothing" : "'" + clip(line) + "'"));
        }
    }

    /**
     * The candle of the next line, or null for a blank line.
     *
     * @throws CandleCsvException when the line is refused (it does not count as the previous line)
     */
    public Candle next(String line) {
        lineNumber++;
        if (line.isBlank()) {
            return null;
        }
        String[] f = line.split(",", -1);
        if (f.length != FIELDS.length) {
            throw refused(null, "has " + f.length + " fields, expected " + FIELDS.length + " (" + HEADER + ")");
        }
        Instant open = openTime(f[0]);
        BigDecimal[] v = new BigDecimal[5];
        for (int i = 1; i < FIELDS.length; i++) {
            v[i - 1] = decimal(i, f[i]);
        }
        checkPrices(v[0], v[1], v[2], v[3], v[4]);
        previous = open;
        return new Candle(symbol, interval, open, v[0], v[1], v[2], v[3], v[4], true);
    }

    private Instant openTime(String text) {
        long millis;
        try {
            millis = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw refused(FIELDS[0], "is not a whole number of milliseconds: '" + clip(text) + "'");
        }
        Instant open = Instant.ofEpochMilli(millis);
        if (!interval.opensAt(open)) {
            throw refused(FIELDS[0], open + " is not on the " + interval.code() + " grid");
        }
        if (previous != null && !open.isAfter(previous)) {
            throw refused(FIELDS[0], open + " is not after the previous line's " + previous);
        }
        return open;
    }

    private BigDecimal decimal(int field, String text) {
        try {
            return Decimals.parse(text);
        } catch (IllegalArgumentException e) {
            throw refused(FIELDS[field], e.getMessage());
        }
    }

    private void checkPrices(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                             BigDecimal volume) {
        BigDecimal[] prices = {open, high, low, close};
        for (int i = 0; i < prices.length; i++) {
            if (prices[i].signum() <= 0) {
                throw refused(FIELDS[i + 1], "must be > 0, was " + prices[i].toPlainString());
            }
        }
        if (volume.signum() < 0) {
            throw refused(FIELDS[5], "must be >= 0, was " + volume.toPlainString());
        }
        if (high.compareTo(low) < 0) {
            throw refused("high", high.toPlainString() + " is below low " + low.toPlainString());
        }
        if (high.compareTo(open.max(close)) < 0) {
            throw refused("high", high.toPlainString() + " is below open or close");
        }
        if (low.compareTo(open.min(close)) > 0) {
            throw refused("low", low.toPlainString() + " is above open or close");
        }
    }

    private CandleCsvException refused(String field, String reason) {
        return new CandleCsvException(source, lineNumber, field, reason);
    }

    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
