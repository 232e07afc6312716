package io.botfleet.backtest.dataset;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.dataset.DatasetSummary;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.CandleCsvException;
import io.botfleet.api.market.Interval;
import io.botfleet.testdata.CandleFiles;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CandleDatasetsTest {

    private static final DatasetKey BTC = DatasetKey.of("bybit", "BTCUSDT", "1m");
    private static final long T0 = 1_700_000_040_000L;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private CandleDatasets datasets() {
        return new CandleDatasets(tmp.getRoot().toPath().resolve("candles"));
    }

    private static InputStream csv(String rows) {
        return new ByteArrayInputStream((CandleCsv.HEADER + "\n" + rows).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void theRealFilesComeBackExactlyCandleForCandle() throws IOException {
        CandleDatasets store = datasets();
        for (String name : List.of(CandleFiles.UNITTEST_BTC, CandleFiles.ETH_BTC)) {
            DatasetKey key = DatasetKey.of("paper", name.startsWith("ETH") ? "ETHBTC" : "BTCUSDT", "1m");
            DatasetSummary summary = store.importCsv(key, CandleFiles.open(name));
            List<Candle> expected = CandleCsv.read(CandleFiles.open(name), name, key.symbol(), Interval.M1);
            CandleSeries loaded = store.load(key).orElseThrow();
            assertEquals(expected.size(), loaded.size());
            for (int i = 0; i < expected.size(); i++) {
                Candle want = expected.get(i);
                Candle got = loaded.candle(i, key.symbol());
                assertEquals(want.openTime(), got.openTime());
                assertEquals(name + " open " + i, 0, want.open().compareTo(got.open()));
                assertEquals(name + " high " + i, 0, want.high().compareTo(got.high()));
                assertEquals(name + " low " + i, 0, want.low().compareTo(got.low()));
                assertEquals(name + " close " + i, 0, want.close().compareTo(got.close()));
                assertEquals(name + " volume " + i, 0, want.volume().compareTo(got.volume()));
            }
            assertEquals(expected.get(0).openTime(), summary.from());
            assertEquals(expected.get(expected.size() - 1).openTime(), summary.to());
            assertEquals(expected.size(), summary.candles());
            int gaps = 0;
            for (int i = 1; i < expected.size(); i++) {
                if (!expected.get(i).openTime().equals(expected.get(i - 1).closeTime())) {
                    gaps++;
                }
            }
            assertEquals(gaps, summary.gaps());
        }
        assertEquals(2, store.list().size());
    }

    @Test
    public void aBadLineStoresNothingAndNamesTheLineAndField() throws IOException {
        CandleDatasets store = datasets();
        store.importCsv(BTC, csv(T0 + ",100,101,99,100,1\n"));
        CandleCsvException e = assertThrows(CandleCsvException.class, () -> store.importCsv(BTC,
                csv(T0 + ",100,101,99,100,1\n" + (T0 + 60_000) + ",100,99,101,100,1\n")));
        assertEquals(3, e.line());
        assertEquals("high", e.field());
        assertEquals("the dataset as it was", 1, store.load(BTC).orElseThrow().size());
        assertNoTemporaryFiles();
    }

    @Test
    public void aCutUploadStoresNothing() throws IOException {
        CandleDatasets store = datasets();
        store.importCsv(BTC, csv(T0 + ",100,101,99,100,1\n"));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            rows.append(T0 + i * 60_000L).append(",100,101,99,100,1\n");
        }
        InputStream cut = new FilterInputStream(csv(rows.toString())) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 100_000) {
                    throw new IOException("connection reset");
                }
                int n = super.read(b, off, Math.min(len, 4096));
                read += Math.max(n, 0);
                return n;
            }
        };
        assertThrows(IOException.class, () -> store.importCsv(BTC, cut));
        assertEquals(1, store.load(BTC).orElseThrow().size());
        assertNoTemporaryFiles();
    }

    @Test
    public void valuesBeyondTheFormAreRefusedNamingTheLine() {
        CandleCsvException e = assertThrows(CandleCsvException.class, () -> datasets().importCsv(BTC,
                csv(T0 + ",100,101,99,100,1\n" + (T0 + 60_000) + ",100,101,99,100,12345678901234.123456789\n")));
        assertEquals(3, e.line());
        assertTrue(e.getMessage(), e.getMessage().contains("more digits than a dataset holds"));
    }

    @Test
    public void aScaleRiseThatEarlierValuesCannotTakeIsRefusedAtTheLineThatBringsIt() {
        // 18 digits at scale 0 fit a long; one more fraction digit later would make them 19
        CandleCsvException e = assertThrows(CandleCsvException.class, () -> datasets().importCsv(BTC,
                csv(T0 + ",100,101,99,100,999999999999999999\n" + (T0 + 60_000) + ",100,101,99,100,1\n"
                        + (T0 + 120_000) + ",100,101,99,100,0.5\n")));
        assertEquals(4, e.line());
        assertTrue(e.getMessage(), e.getMessage().contains("more digits than a dataset holds"));
    }

    @Test
    public void leftoversOfACrashAreRemoved() throws IOException {
        CandleDatasets store = datasets();
        store.importCsv(BTC, csv(T0 + ",100,101,99,100,1\n"));
        Path folder = store.fileOf(BTC).getParent();
        Files.createDirectories(folder.resolve(".spool-123").resolve("x"));
        Files.writeString(folder.resolve(".spool-123").resolve("x").resolve("time"), "half");
        Files.writeString(folder.resolve(".upload-456.candles"), "half");
        assertEquals(2, store.removeLeftovers());
        assertNoTemporaryFiles();
        assertEquals(1, store.load(BTC).orElseThrow().size());
    }

    @Test
    public void scalesGrowWithoutChangingEarlierValues() throws IOException {
        CandleDatasets store = datasets();
        store.importCsv(BTC, csv(T0 + ",100,101,99,100,1\n" + (T0 + 60_000) + ",100.125,101.5,99.25,100.0001,0.5\n"));
        CandleSeries s = store.load(BTC).orElseThrow();
        assertEquals(0, s.candle(0, "BTCUSDT").open().compareTo(new BigDecimal("100")));
        assertEquals("100.0001", s.candle(1, "BTCUSDT").close().toPlainString());
        assertEquals(1, s.indexAtOrAfter(Instant.ofEpochMilli(T0 + 1)));
        assertEquals(0, s.gaps());
    }

    @Test
    public void listAndDelete() throws IOException {
        CandleDatasets store = datasets();
        assertTrue(store.list().isEmpty());
        store.importCsv(BTC, csv(T0 + ",100,101,99,100,1\n" + (T0 + 180_000) + ",100,101,99,100,1\n"));
        DatasetSummary s = store.list().get(0);
        assertEquals(BTC, s.key());
        assertEquals(1, s.gaps());
        assertTrue(store.delete(BTC));
        assertFalse(store.delete(BTC));
        assertTrue(store.load(BTC).isEmpty());
    }

    @Test
    public void keysCannotLeaveTheRootFolder() {
        for (String[] k : new String[][] {{"..", "BTCUSDT", "1m"}, {"bybit", "../../etc", "1m"}, {"bybit", "btc/usdt", "1m"},
            {"bybit", "BTCUSDT", "7m"}, {"Bybit", "BTCUSDT", "1m"}, {"bybit", "", "1m"}}) {
            assertThrows(String.join("/", k), IllegalArgumentException.class, () -> DatasetKey.of(k[0], k[1], k[2]));
        }
    }

    @Test
    public void aDamagedFileIsAClearError() throws IOException {
        CandleDatasets store = datasets();
        store.importCsv(BTC, csv(T0 + ",100,101,99,100,1\n"));
        Path file = store.fileOf(BTC);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        IOException e = assertThrows(IOException.class, () -> store.load(BTC));
        assertTrue(e.getMessage(), e.getMessage().contains("is damaged"));
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(tmp.getRoot().toPath())) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".upload-")
                    || p.getFileName().toString().startsWith(".spool-")));
        }
    }
}
