package io.botfleet.backtest.dataset;

import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.CandleCsvException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The candle datasets of a server: one {@link CandleSeriesFile} per {@link DatasetKey} under a
 * root folder ({@code data/candles} in the home). An import reads and checks the whole CSV before
 * anything is written, and the file replaces the old one atomically, so a bad or cut upload
 * leaves the dataset as it was. Imports of one key are serialised; reads need no lock.
 */
public final class CandleDatasets {

    private final Path root;

    public CandleDatasets(Path root) {
        this.root = root;
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
        CandleSeries series;
        try {
            series = parse(key, csv);
        } catch (UncheckedIOException cut) {
            throw cut.getCause(); // the upload could not be read to its end
        }
        synchronized (this) {
            CandleSeriesFile.write(key.file(root), series);
        }
        return DatasetSummary.of(key, series);
    }

    private static CandleSeries parse(DatasetKey key, InputStream csv) {
        String source = key + ".csv";
        CandleCsv reader = new CandleCsv(source, key.symbol(), key.interval());
        CandleSeries.Builder builder = new CandleSeries.Builder(key.interval(), 1 << 16);
        reader.readAll(csv, candle -> {
            try {
                builder.add(candle);
            } catch (IllegalArgumentException e) {
                throw new CandleCsvException(source, reader.line(), null, e.getMessage());
            }
        }, bad -> {
            throw bad;
        });
        return builder.build();
    }

    /** The dataset {@code key}, read from its file; empty when there is none. */
    public Optional<CandleSeries> load(DatasetKey key) throws IOException {
        try {
            return Optional.of(CandleSeriesFile.read(key.file(root)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
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
                    all.add(DatasetSummary.of(key.get(), CandleSeriesFile.read(file)));
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
    public synchronized boolean delete(DatasetKey key) throws IOException {
        return Files.deleteIfExists(key.file(root));
    }
}
