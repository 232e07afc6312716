package io.botfleet.backtest.dataset;

import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.dataset.DatasetSummary;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.CandleCsvException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The candle datasets of a server: one {@link CandleSeriesFile} per {@link DatasetKey} under a
 * root folder ({@code data/candles} in the home). An import streams the CSV, checking each line,
 * into spool files ({@link CandleSeriesWriter}), and only a whole, good CSV becomes the dataset,
 * replacing the old file atomically, so a bad or cut upload leaves the dataset as it was. Reads
 * need no lock.
 */
public final class CandleDatasets {

    private final Path root;
    private final Object lock = new Object();

    public CandleDatasets(Path root) {
        this.root = root;
    }

    /**
     * Held while a dataset file is replaced or deleted (and for a whole merge, which reads the
     * file it replaces); an import holds it only for its final move, not while it reads its CSV.
     */
    public Object lock() {
        return lock;
    }

    public Path root() {
        return root;
    }

    /**
     * Replaces the dataset {@code key} with the candles of a CSV in the format of
     * {@link CandleCsv}.
     *
     * @throws CandleCsvException naming the line and field of the first bad line (nothing stored)
     * @throws IOException        when the upload cannot be read to its end (nothing stored) or the
     *                            file cannot be written
     */
    public DatasetSummary importCsv(DatasetKey key, InputStream csv) throws IOException {
        Path file = fileOf(key);
        try (CandleSeriesWriter writer = new CandleSeriesWriter(key, file.getParent())) {
            readCsv(key, key + ".csv", csv, candle -> writer.add(candle));
            synchronized (lock) {
                return writer.commit(file);
            }
        }
    }

    /**
     * Merges the candles of a CSV (in the format of {@link CandleCsv}) into the dataset {@code key}
     * (made when missing): a candle of the CSV replaces the dataset's candle with the same open time.
     *
     * @throws CandleCsvException naming the line and field of the first bad line (nothing stored)
     */
    public DatasetSummary mergeCsv(DatasetKey key, String source, InputStream csv) throws IOException {
        synchronized (lock) {
            return merge(key, source, csv);
        }
    }

    private DatasetSummary merge(DatasetKey key, String source, InputStream csv) throws IOException {
        Path file = fileOf(key);
        CandleSeries old = load(key).orElse(null);
        int[] next = {0};
        try (CandleSeriesWriter writer = new CandleSeriesWriter(key, file.getParent())) {
            readCsv(key, source, csv, candle -> {
                long t = candle.openTime().toEpochMilli();
                while (old != null && next[0] < old.size() && old.openTimes[next[0]] < t) {
                    writer.add(old.candle(next[0]++, key.symbol()));
                }
                if (old != null && next[0] < old.size() && old.openTimes[next[0]] == t) {
                    next[0]++; // replaced by the merged candle
                }
                writer.add(candle);
            });
            while (old != null && next[0] < old.size()) {
                writer.add(old.candle(next[0]++, key.symbol()));
            }
            return writer.commit(file);
        }
    }

    /** What a step of a CSV read does with each candle. */
    @FunctionalInterface
    private interface CandleSink {
        void accept(Candle candle) throws IOException;
    }

    private static void readCsv(DatasetKey key, String source, InputStream csv, CandleSink sink) throws IOException {
        CandleCsv reader = new CandleCsv(source, key.symbol(), key.interval());
        try {
            reader.readAll(csv, candle -> {
                try {
                    sink.accept(candle);
                } catch (IllegalArgumentException e) {
                    throw new CandleCsvException(source, reader.line(), null, e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, bad -> {
                throw bad;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the upload could not be read to its end, or a spool not written
        }
    }

    /** The dataset {@code key}, read from its file; empty when there is none. */
    public Optional<CandleSeries> load(DatasetKey key) throws IOException {
        try {
            return Optional.of(CandleSeriesFile.read(fileOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** What the dataset {@code key} holds (from its open times only); empty when there is none. */
    public Optional<DatasetSummary> summary(DatasetKey key) throws IOException {
        try {
            return Optional.of(CandleSeriesFile.summary(fileOf(key), key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes what uploads and merges cut short by a crash left behind (spool folders and
     * half-written dataset files, hidden names beside the datasets); call before the store is used.
     *
     * @return how many were removed
     */
    public int removeLeftovers() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> found = Files.find(root, 3, (p, a) -> p.getFileName().toString().startsWith(".spool-")
                || (a.isRegularFile() && p.getFileName().toString().startsWith(".upload-")))) {
            leftovers = found.toList();
        }
        for (Path leftover : leftovers) {
            try (Stream<Path> inside = Files.walk(leftover)) {
                for (Path p : inside.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return leftovers.size();
    }

    /** Every dataset, sorted by key. */
    public List<DatasetSummary> list() throws IOException {
        List<DatasetSummary> all = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return all;
        }
        try (Stream<Path> files = Files.find(root, 3, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().endsWith(CandleSeriesFile.SUFFIX)
                && !p.getFileName().toString().startsWith("."))) {
            for (Path file : files.sorted().toList()) {
                Optional<DatasetKey> key = keyOf(file);
                if (key.isPresent()) {
                    try {
                        all.add(CandleSeriesFile.summary(file, key.get()));
                    } catch (NoSuchFileException deletedMeanwhile) {
                        // gone between the listing and the read: not a dataset any more
                    }
                }
            }
        }
        return all;
    }

    private Optional<DatasetKey> keyOf(Path file) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() != 3) {
            return Optional.empty();
        }
        String name = relative.getName(2).toString();
        try {
            return Optional.of(DatasetKey.of(relative.getName(0).toString(), relative.getName(1).toString(),
                    name.substring(0, name.length() - CandleSeriesFile.SUFFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a file this store wrote
        }
    }

    /** Deletes the dataset {@code key}; false when there was none. */
    public boolean delete(DatasetKey key) throws IOException {
        synchronized (lock) {
            return Files.deleteIfExists(fileOf(key));
        }
    }

    /** Where the dataset's file lives below the root folder. */
    Path fileOf(DatasetKey key) {
        return root.resolve(key.exchange()).resolve(key.symbol())
                .resolve(key.interval().code() + CandleSeriesFile.SUFFIX);
    }
}
