package io.botfleet.benchmarks.backtest;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.backtest.dataset.CandleDatasets;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.dataset.DatasetSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Candle datasets with {@code candles} synthetic 1m candles (a random walk with 2-decimal prices
 * and 3-decimal volumes, like BTCUSDT's): {@code loadDataset} reads the binary dataset file and
 * makes every candle object (what a backtest costs before its first candle), {@code importCsv}
 * checks a CSV and writes the dataset (an upload), {@code readCsv} is the baseline: the same CSV
 * read into candles with the project's CSV reader. One operation is the whole dataset.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CandleDatasetBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class CandleDatasetBenchmark {

    private static final DatasetKey KEY = DatasetKey.of("bybit", "BTCUSDT", "1m");

    @Param({"1000000"})
    public int candles;

    private Path folder;
    private Path csv;
    private CandleDatasets datasets;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("candle-datasets");
        csv = folder.resolve("walk.csv");
        writeWalk(csv, candles);
        datasets = new CandleDatasets(folder.resolve("candles"));
        try (InputStream in = Files.newInputStream(csv)) {
            datasets.importCsv(KEY, in);
        }
    }

    private static void writeWalk(Path file, int n) throws IOException {
        Random random = new Random(7);
        long price = 3_000_000; // cents
        long t = 1_700_000_040_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(CandleCsv.HEADER);
            out.newLine();
            for (int i = 0; i < n; i++, t += 60_000) {
                long open = price;
                price = Math.max(100, price + random.nextInt(2001) - 1000);
                long high = Math.max(open, price) + random.nextInt(500);
                long low = Math.max(1, Math.min(open, price) - random.nextInt(500));
                out.write(t + "," + cents(open) + "," + cents(high) + "," + cents(low) + "," + cents(price) + ","
                        + BigDecimal.valueOf(random.nextInt(100_000), 3).toPlainString());
                out.newLine();
            }
        }
    }

    private static String cents(long c) {
        return BigDecimal.valueOf(c, 2).toPlainString();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Candle loadDataset() throws IOException {
        CandleSeries series = datasets.load(KEY).orElseThrow();
        Candle last = null;
        for (int i = 0; i < series.size(); i++) {
            last = series.candle(i, KEY.symbol());
        }
        return last;
    }

    @Benchmark
    public DatasetSummary importCsv() throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            return datasets.importCsv(KEY, in);
        }
    }

    @Benchmark
    public List<Candle> readCsv() throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            return CandleCsv.read(in, "walk.csv", KEY.symbol(), Interval.M1);
        }
    }
}
