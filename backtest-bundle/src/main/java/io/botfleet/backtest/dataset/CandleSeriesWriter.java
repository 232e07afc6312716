package io.botfleet.backtest.dataset;

import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.dataset.DatasetSummary;
import io.botfleet.api.market.Candle;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a dataset file ({@link CandleSeriesFile}'s form) from candles given one at a time,
 * holding none of them: each column goes to its own spool file as it comes, and
 * {@link #commit(Path)} joins the spools into the dataset file, which then replaces the old one
 * atomically. Memory stays the same for ten candles or ten million (an upload of 512 MiB of CSV
 * must not need its candles' 480 MB of heap).
 *
 * <p>A decimal column's scale is the largest of its values; a value with more fraction digits than
 * the ones before raises it, and the values spooled before are scaled up while the spools are
 * joined. Whether they still fit a {@code long} is checked when the scale rises (on the largest
 * value so far), so a value the form cannot hold is refused at the candle that brings it.
 *
 * <p>Not thread-safe. {@link #close()} deletes the spools (and whatever a failed commit left).
 */
final class CandleSeriesWriter implements Closeable {

    private static final int BUFFER = 1 << 16;

    private final DatasetKey key;
    private final Path spoolFolder;
    private final DataOutputStream times;
    private final SpooledColumn[] columns = new SpooledColumn[5];
    private final long step;
    private int size;
    private long first;
    private long last;
    private int gaps;

    /** Spools in a new hidden folder below {@code folder} (the dataset's own, so the final move stays on one disk). */
    CandleSeriesWriter(DatasetKey key, Path folder) throws IOException {
        this.key = key;
        this.step = key.interval().duration().toMillis();
        Files.createDirectories(folder);
        this.spoolFolder = Files.createTempDirectory(folder, ".spool-");
        this.times = spool(spoolFolder.resolve("time"));
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new SpooledColumn(spool(spoolFolder.resolve("c" + c)));
        }
    }

    private static DataOutputStream spool(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
    }

    /**
     * Appends a candle opening after the last one.
     *
     * @throws IllegalArgumentException when it is of another interval, not after the last one, or
     *                                  a value has more digits than the dataset form holds
     */
    void add(Candle c) throws IOException {
        if (c.interval() != key.interval()) {
            throw new IllegalArgumentException("a " + c.interval().code() + " candle in a " + key.interval().code()
                    + " dataset");
        }
        add(c.openTime().toEpochMilli(), c.open(), c.high(), c.low(), c.close(), c.volume());
    }

    /** {@link #add(Candle)} from its parts. */
    void add(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume)
            throws IOException {
        if (size > 0 && openTime <= last) {
            throw new IllegalArgumentException("open time " + Instant.ofEpochMilli(openTime) + " is not after "
                    + Instant.ofEpochMilli(last));
        }
        BigDecimal[] values = {open, high, low, close, volume};
        long[] unscaled = new long[values.length];
        for (int c = 0; c < values.length; c++) {
            try {
                unscaled[c] = columns[c].fit(values[c], size);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("a value of the candle at " + Instant.ofEpochMilli(openTime)
                        + " has more digits than a dataset holds (18 significant digits at the column's scale)");
            }
        }
        // written only once every value fits: a refused candle leaves the spools as they were
        for (int c = 0; c < values.length; c++) {
            columns[c].write(unscaled[c]);
        }
        times.writeLong(openTime);
        if (size == 0) {
            first = openTime;
        } else if (openTime - last != step) {
            gaps++;
        }
        last = openTime;
        size++;
    }

    int size() {
        return size;
    }

    /** The open time of the last candle added, in Unix ms; only when {@link #size()} &gt; 0. */
    long last() {
        return last;
    }

    DatasetSummary summary() {
        return new DatasetSummary(key, size == 0 ? null : Instant.ofEpochMilli(first),
                size == 0 ? null : Instant.ofEpochMilli(last), size, gaps);
    }

    /**
     * Writes the dataset file {@code file} from the spools (flushed to disk) and moves it into
     * place atomically.
     */
    DatasetSummary commit(Path file) throws IOException {
        times.close();
        int[] scales = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            columns[c].out.close();
            scales[c] = columns[c].scale;
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".upload-", CandleSeriesFile.SUFFIX);
        try {
            try (FileOutputStream raw = new FileOutputStream(temp.toFile());
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, BUFFER))) {
                ByteBuffer header = CandleSeriesFile.header(key.interval(), size, scales);
                out.write(header.array(), header.arrayOffset(), header.remaining());
                copy(spoolFolder.resolve("time"), out, List.of(), 0);
                for (int c = 0; c < columns.length; c++) {
                    copy(spoolFolder.resolve("c" + c), out, columns[c].raises, columns[c].scale);
                }
                out.flush();
                raw.getFD().sync();
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return summary();
    }

    /**
     * Copies {@link #size} longs, each spooled at the scale in force when it came, scaled up to
     * {@code finalScale}.
     */
    private void copy(Path spool, DataOutputStream out, List<int[]> raises, int finalScale) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), BUFFER))) {
            int row = 0;
            int scale = 0;
            for (int r = 0; r <= raises.size(); r++) {
                int end = r < raises.size() ? raises.get(r)[0] : size;
                long factor = BigDecimal.ONE.scaleByPowerOfTen(finalScale - scale).longValueExact();
                for (; row < end; row++) {
                    out.writeLong(factor == 1 ? in.readLong() : in.readLong() * factor); // checked when raised
                }
                if (r < raises.size()) {
                    scale = raises.get(r)[1];
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        times.close();
        for (SpooledColumn column : columns) {
            column.out.close();
        }
        try (Stream<Path> files = Files.walk(spoolFolder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One decimal column on its way to disk: its scale now, the rows where it rose, its largest magnitude. */
    private static final class SpooledColumn {

        final DataOutputStream out;
        /** {row, scale}: from row on, values were spooled at scale. */
        final List<int[]> raises = new ArrayList<>();
        int scale;
        long largest;

        SpooledColumn(DataOutputStream out) {
            this.out = out;
        }

        /**
         * The unscaled value of {@code value} at this column's scale, raising the scale first when
         * it has more fraction digits (nothing changes when it does not fit).
         *
         * @throws ArithmeticException when it, or the largest value so far at the new scale, does not fit a long
         */
        long fit(BigDecimal value, int row) {
            int newScale = Math.max(scale, value.scale());
            long unscaled = value.setScale(newScale).unscaledValue().longValueExact();
            long newLargest = largest;
            if (newScale > scale) {
                newLargest = Math.multiplyExact(largest, BigDecimal.ONE.scaleByPowerOfTen(newScale - scale)
                        .longValueExact());
                raises.add(new int[] {row, newScale});
                scale = newScale;
            }
            largest = Math.max(newLargest, Math.abs(unscaled));
            return unscaled;
        }

        void write(long unscaled) throws IOException {
            out.writeLong(unscaled);
        }
    }
}
