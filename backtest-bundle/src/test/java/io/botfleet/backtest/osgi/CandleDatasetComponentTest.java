package io.botfleet.backtest.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.dataset.CandleDownload;
import io.botfleet.api.dataset.CandleDownloadRequest;
import io.botfleet.api.dataset.DatasetBusyException;
import io.botfleet.api.dataset.DatasetCandles;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.dataset.DatasetSummary;
import io.botfleet.api.dataset.UploadTooLargeException;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.paper.PaperExchange;
import io.botfleet.testdata.CandleFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The dataset service as the backtest bundle registers it, over a real folder, with downloads from
 * a real paper exchange replaying a data file (its history served in pages of 1000).
 */
public class CandleDatasetComponentTest {

    private static final String SYMBOL = "BTCUSDT";
    private static final DatasetKey KEY = new DatasetKey("paper", SYMBOL, Interval.M1);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path root;
    private PaperExchange paper;
    private List<Candle> file;
    private CandleDatasetComponent service;

    @Before
    public void setUp() throws IOException {
        root = tmp.newFolder("home").toPath().resolve("data").resolve("candles");
        Path csv = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        file = CandleCsv.read(csv, SYMBOL, Interval.M1);
        paper = new PaperExchange(Map.of("account", "replay", "replay.file", csv.toString(), "replay.symbol", SYMBOL,
                "replay.speed", "0"), tmp.newFolder("paper").toPath());
    }

    @After
    public void tearDown() {
        if (service != null) {
            service.deactivate();
        }
        paper.close();
    }

    private CandleDatasetComponent open(long maxUpload, HistoryAdapter adapter) throws IOException {
        CandleDatasetComponent c = new CandleDatasetComponent();
        if (adapter != null) {
            c.adapters.add(adapter);
        }
        c.open(root, maxUpload, Duration.ZERO);
        return c;
    }

    private static InputStream csv(String rows) {
        return new ByteArrayInputStream((CandleCsv.HEADER + "\n" + rows).getBytes(StandardCharsets.UTF_8));
    }

    private CandleDownloadRequest wholeFile(String account) {
        return new CandleDownloadRequest("paper", account, SYMBOL, Interval.M1, file.get(0).openTime(),
                file.get(file.size() - 1).openTime().plusSeconds(60));
    }

    @Test
    public void putListReadAndDelete() throws IOException {
        service = open(1 << 20, null);
        long t0 = 1_700_000_040_000L;
        DatasetSummary stored = service.put(KEY, csv(t0 + ",100,101,99,100,1\n" + (t0 + 60_000) + ",100,102,99,101,2\n"
                + (t0 + 180_000) + ",101,103,100,102,3\n"));
        assertEquals(new DatasetSummary(KEY, Instant.ofEpochMilli(t0), Instant.ofEpochMilli(t0 + 180_000), 3, 1), stored);
        assertEquals(List.of(stored), service.list());

        DatasetCandles range = service.read(KEY, Instant.ofEpochMilli(t0 + 1), Instant.ofEpochMilli(t0 + 180_000))
                .orElseThrow();
        assertEquals("only the candle opening inside [from, to)", 1, range.size());
        assertEquals("101", range.candle(0).close().toPlainString());
        assertEquals(3, service.read(KEY, null, null).orElseThrow().size());
        assertTrue(service.read(new DatasetKey("paper", "ETHBTC", Interval.M1), null, null).isEmpty());

        assertTrue(service.delete(KEY));
        assertFalse(service.delete(KEY));
        assertTrue(service.list().isEmpty());
    }

    @Test
    public void anUploadPastTheLimitStoresNothing() throws IOException {
        service = open(4096, null);
        long t0 = 1_700_000_040_000L;
        service.put(KEY, csv(t0 + ",100,101,99,100,1\n"));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            rows.append(t0 + i * 60_000L).append(",100,101,99,100,1\n");
        }
        UploadTooLargeException e = assertThrows(UploadTooLargeException.class, () -> service.put(KEY,
                csv(rows.toString())));
        assertEquals(4096, e.limit());
        assertEquals("the dataset as it was", 1, service.list().get(0).candles());
        assertNoSpools();
    }

    @Test
    public void aDownloadPagesThroughTheHistoryAndMergesIntoTheDataset() throws Exception {
        HistoryAdapter adapter = new HistoryAdapter(paper, "replay", null);
        service = open(1 << 20, adapter);
        // a dataset already holding the file's 10 first candles, one of them wrong: the download replaces it
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            Candle c = file.get(i);
            rows.append(c.openTime().toEpochMilli()).append(',').append(i == 5 ? "1,1,1,1,1" : c.open().toPlainString()
                    + "," + c.high().toPlainString() + "," + c.low().toPlainString() + "," + c.close().toPlainString()
                    + "," + c.volume().toPlainString()).append('\n');
        }
        service.put(KEY, csv(rows.toString()));

        CandleDownload started = service.download(wholeFile("replay"));
        assertEquals(CandleDownload.State.RUNNING, started.state());
        CandleDownload done = awaitDownload(CandleDownload.State.DONE);
        assertEquals(file.size(), done.candles());
        assertTrue("paged: " + adapter.calls.get(), adapter.calls.get() >= file.size() / PaperExchange.HISTORY_PAGE);
        assertSameCandles(file, service.read(KEY, null, null).orElseThrow());
        assertNoSpools();
    }

    @Test
    public void aDownloadContinuesAfterARestartFromItsLastRecordedPage() throws Exception {
        // the third page never answers: the server stops while waiting for it
        HistoryAdapter held = new HistoryAdapter(paper, "replay", n -> n >= 2 ? new CompletableFuture<>() : null);
        service = open(1 << 20, held);
        service.download(wholeFile("replay"));
        await(() -> held.calls.get() >= 3, "the third page asked for");
        assertThrows(DatasetBusyException.class, () -> service.put(KEY, csv("")));
        assertThrows(DatasetBusyException.class, () -> service.delete(KEY));
        assertThrows(DatasetBusyException.class, () -> service.download(wholeFile("replay")));
        service.deactivate();
        service = null;
        assertTrue("nothing merged before the range is complete", Files.notExists(root.resolve("paper/BTCUSDT/1m.candles")));

        HistoryAdapter again = new HistoryAdapter(paper, "replay", null);
        service = open(1 << 20, again);
        CandleDownload done = awaitDownload(CandleDownload.State.DONE);
        assertEquals(file.size(), done.candles());
        assertSameCandles(file, service.read(KEY, null, null).orElseThrow());
        assertTrue("the two pages recorded were not fetched again: " + again.calls.get(),
                again.calls.get() <= held.calls.get() - 2 + (file.size() / PaperExchange.HISTORY_PAGE));
    }

    @Test
    public void aStopThatInterruptsAFileWriteLeavesTheDownloadToContinue() throws Exception {
        // the third page arrives only once the stop has interrupted the download's thread, so the
        // thread writes it to the spool with its interrupt flag set: the file channel refuses
        HistoryAdapter late = new HistoryAdapter(paper, "replay", n -> n == 2 ? pageAfterInterrupt(n) : null);
        service = open(1 << 20, late);
        service.download(wholeFile("replay"));
        await(() -> late.calls.get() >= 3, "the third page asked for");
        service.deactivate();
        service = null;

        HistoryAdapter again = new HistoryAdapter(paper, "replay", null);
        service = open(1 << 20, again);
        CandleDownload done = awaitDownload(CandleDownload.State.DONE);
        assertNull("a stop is not a failure", done.error());
        assertEquals(file.size(), done.candles());
        assertSameCandles(file, service.read(KEY, null, null).orElseThrow());
        assertNoSpools();
    }

    /** Waits (not interruptibly) for the calling thread's interrupt, then answers the page at once. */
    private CompletableFuture<List<Candle>> pageAfterInterrupt(int n) {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(1_000_000);
        }
        List<Candle> page = file.subList(n * PaperExchange.HISTORY_PAGE, (n + 1) * PaperExchange.HISTORY_PAGE);
        return CompletableFuture.completedFuture(page);
    }

    @Test
    public void rateLimitsAreWaitedOutAndARefusalFailsUntilAskedAgain() throws Exception {
        HistoryAdapter adapter = new HistoryAdapter(paper, "replay", n -> n == 1
                ? CompletableFuture.failedFuture(new ExchangeException(ErrorKind.RATE_LIMITED, "10006", "too many", 1000))
                : n == 3 ? CompletableFuture.failedFuture(new ExchangeException(ErrorKind.REJECTED, "10001", "params error", 0))
                : null);
        service = open(1 << 20, adapter);
        long started = System.nanoTime();
        service.download(wholeFile("replay"));
        CandleDownload failed = awaitDownload(CandleDownload.State.FAILED);
        assertTrue("waited out the rate limit", System.nanoTime() - started >= 1_000_000_000L);
        assertTrue(failed.error(), failed.error().contains("params error"));
        assertEquals("two pages kept", 2L * PaperExchange.HISTORY_PAGE, failed.candles());
        assertTrue(service.list().isEmpty());

        CandleDownload continued = service.download(wholeFile("replay"));
        assertEquals(failed.next(), continued.next());
        CandleDownload done = awaitDownload(CandleDownload.State.DONE);
        assertNull(done.error());
        assertSameCandles(file, service.read(KEY, null, null).orElseThrow());
    }

    @Test
    public void anUnknownAccountIsRefused() throws IOException {
        service = open(1 << 20, new HistoryAdapter(paper, "replay", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.download(wholeFile("main")));
        assertTrue(e.getMessage(), e.getMessage().contains("paper/main"));
        assertTrue(service.downloads().isEmpty());
    }

    private CandleDownload awaitDownload(CandleDownload.State state) throws InterruptedException {
        await(() -> !service.downloads().isEmpty() && service.downloads().get(0).state() == state,
                "download " + state);
        return service.downloads().get(0);
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within 60 s; downloads: " + service.downloads());
            }
            Thread.sleep(20);
        }
    }

    private static void assertSameCandles(List<Candle> expected, DatasetCandles got) {
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            Candle want = expected.get(i);
            Candle c = got.candle(i);
            assertEquals(want.openTime(), c.openTime());
            assertEquals("open " + i, 0, want.open().compareTo(c.open()));
            assertEquals("high " + i, 0, want.high().compareTo(c.high()));
            assertEquals("low " + i, 0, want.low().compareTo(c.low()));
            assertEquals("close " + i, 0, want.close().compareTo(c.close()));
            assertEquals("volume " + i, 0, want.volume().compareTo(c.volume()));
        }
    }

    private void assertNoSpools() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".spool-")
                    || p.getFileName().toString().startsWith(".upload-")
                    || p.getFileName().toString().endsWith(".csv")));
        }
    }
}
