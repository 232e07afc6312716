package io.botfleet.backtest.dataset;

import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.dataset.DatasetSummary;
import io.botfleet.api.market.Interval;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;

/**
 * The binary form of a {@link CandleSeries}: a 64-byte header (magic {@code BFCANDLE}, format
 * version, candle count, interval code, the five decimal columns' scales), then six blocks of
 * big-endian {@code long}s, one per column: open times in Unix ms, then open, high, low, close and
 * volume unscaled. Column blocks load with one bulk copy each, which is what makes a million
 * candles load in tens of milliseconds instead of the seconds CSV parsing takes.
 *
 * <p>Written to a temporary file in the same folder and moved into place atomically: a reader
 * sees the old dataset or the new one, never half of one, also after a crash mid-write.
 */
final class CandleSeriesFile {

    static final String SUFFIX = ".candles";
    private static final byte[] MAGIC = "BFCANDLE".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 64;
    private static final int INTERVAL_BYTES = 8;

    private CandleSeriesFile() {
    }

    static void write(Path file, CandleSeries series) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".upload-", SUFFIX);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out.write(header(series));
                writeLongs(out, series.openTimes);
                for (DecimalColumn column : series.columns) {
                    writeLongs(out, column.values());
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ByteBuffer header(CandleSeries series) {
        int[] scales = new int[series.columns.length];
        for (int c = 0; c < scales.length; c++) {
            scales[c] = series.columns[c].scale();
        }
        return header(series.interval, series.size(), scales);
    }

    /** The header of a file of {@code count} candles whose five decimal columns have {@code scales}. */
    static ByteBuffer header(Interval interval, int count, int[] scales) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.put(MAGIC).putInt(VERSION).putInt(count);
        h.put(Arrays.copyOf(interval.code().getBytes(StandardCharsets.US_ASCII), INTERVAL_BYTES));
        for (int scale : scales) {
            h.putInt(scale);
        }
        return h.position(0);
    }

    private static void writeLongs(FileChannel out, long[] values) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < values.length; ) {
            block.clear();
            LongBuffer longs = block.asLongBuffer();
            int n = Math.min(longs.capacity(), values.length - i);
            longs.put(values, i, n);
            block.limit(n * Long.BYTES);
            while (block.hasRemaining()) {
                out.write(block);
            }
            i += n;
        }
    }

    /**
     * Reads a dataset file.
     *
     * @throws IOException when it cannot be read or is not a whole dataset file of this format
     */
    static CandleSeries read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = in.size();
            if (length < HEADER_BYTES) {
                throw damaged(file, "shorter than its header");
            }
            ByteBuffer all = in.map(FileChannel.MapMode.READ_ONLY, 0, length);
            byte[] magic = new byte[MAGIC.length];
            all.get(magic);
            if (!Arrays.equals(magic, MAGIC) || all.getInt() != VERSION) {
                throw damaged(file, "not a candle dataset of format " + VERSION);
            }
            int count = all.getInt();
            byte[] code = new byte[INTERVAL_BYTES];
            all.get(code);
            Interval interval = Interval.parse(new String(code, StandardCharsets.US_ASCII).trim());
            int[] scales = new int[5];
            for (int c = 0; c < scales.length; c++) {
                scales[c] = all.getInt();
            }
            if (count < 0 || length != HEADER_BYTES + 6L * count * Long.BYTES) {
                throw damaged(file, "its length does not match its " + count + " candles");
            }
            LongBuffer longs = all.position(HEADER_BYTES).slice().asLongBuffer();
            long[] times = new long[count];
            longs.get(times);
            DecimalColumn[] columns = new DecimalColumn[5];
            for (int c = 0; c < columns.length; c++) {
                long[] values = new long[count];
                longs.get(values);
                columns[c] = new DecimalColumn(values, scales[c]);
            }
            return new CandleSeries(interval, times, columns);
        } catch (IllegalArgumentException e) { // an unknown interval code
            throw damaged(file, e.getMessage());
        }
    }

    /**
     * What a dataset file holds, from its header and its open times only (the price columns are
     * not read).
     *
     * @throws IOException when it cannot be read or is not a whole dataset file of this format
     */
    static DatasetSummary summary(Path file, DatasetKey key) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = in.size();
            if (length < HEADER_BYTES) {
                throw damaged(file, "shorter than its header");
            }
            ByteBuffer all = in.map(FileChannel.MapMode.READ_ONLY, 0, length);
            byte[] magic = new byte[MAGIC.length];
            all.get(magic);
            if (!Arrays.equals(magic, MAGIC) || all.getInt() != VERSION) {
                throw damaged(file, "not a candle dataset of format " + VERSION);
            }
            int count = all.getInt();
            if (count < 0 || length != HEADER_BYTES + 6L * count * Long.BYTES) {
                throw damaged(file, "its length does not match its " + count + " candles");
            }
            LongBuffer times = all.position(HEADER_BYTES).slice().asLongBuffer();
            long step = key.interval().duration().toMillis();
            int gaps = 0;
            for (int i = 1; i < count; i++) {
                if (times.get(i) - times.get(i - 1) != step) {
                    gaps++;
                }
            }
            return new DatasetSummary(key, count == 0 ? null : Instant.ofEpochMilli(times.get(0)),
                    count == 0 ? null : Instant.ofEpochMilli(times.get(count - 1)), count, gaps);
        }
    }

    private static IOException damaged(Path file, String why) {
        return new IOException("candle dataset " + file + " is damaged: " + why);
    }
}
