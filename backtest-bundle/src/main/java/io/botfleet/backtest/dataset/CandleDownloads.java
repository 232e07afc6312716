package io.botfleet.backtest.dataset;

import io.botfleet.api.dataset.CandleDownload;
import io.botfleet.api.dataset.CandleDownloadRequest;
import io.botfleet.api.dataset.DatasetBusyException;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Downloads of candle history into datasets. Each runs on the downloads' own threads (never an
 * adapter's or a bot's), asking the account's adapter for one page at a time: the adapter keeps
 * the account's rate limits, a {@code RATE_LIMITED} answer is waited out as it says, transient
 * failures are retried with backoff, and a pause between pages leaves room for the account's bots.
 *
 * <p>Fetched candles are appended to a spool CSV under {@code .downloads/} and the progress
 * record ({@link DownloadRecord}) is replaced after each page, so a restart continues from the
 * last page recorded. When the range is complete the spool is merged into the dataset
 * ({@link CandleDatasets#mergeCsv}) in one atomic replacement. An empty page ends the range: the
 * account has no candles from there to {@code to} (e.g. up to now).
 */
public final class CandleDownloads implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CandleDownloads.class.getName());
    static final String FOLDER = ".downloads";
    private static final int MAX_TRANSIENT_FAILURES = 8;
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ACCOUNT_WAIT = Duration.ofMinutes(5);

    private final CandleDatasets datasets;
    private final Path folder;
    private final BiFunction<String, String, ExchangeAdapter> accounts;
    private final Duration pagePause;
    private final Clock clock;
    private final ExecutorService threads;
    /** The record of each dataset's last download, running or not. */
    private final Map<DatasetKey, DownloadRecord> records = new ConcurrentHashMap<>();
    private final Map<DatasetKey, Boolean> running = new ConcurrentHashMap<>();

    /** @param accounts the registered adapter of (exchange, account), or null */
    public CandleDownloads(CandleDatasets datasets, BiFunction<String, String, ExchangeAdapter> accounts, Duration pagePause, Clock clock) {
        this.datasets = datasets;
        this.folder = datasets.root().resolve(FOLDER);
        this.accounts = accounts;
        this.pagePause = pagePause;
        this.clock = clock;
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "candle-download");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /** Reads the records on disk and continues every download that was running. */
    public void resume() throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.properties")) {
            for (Path file : files) {
                DownloadRecord record;
                try {
                    record = DownloadRecord.read(file);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "skipped: {0}", e.getMessage());
                    continue;
                }
                records.put(record.key(), record);
                if (record.state() == CandleDownload.State.RUNNING) {
                    LOG.log(Level.INFO, "continuing the download into {0} from {1}", record.key(), record.next());
                    running.put(record.key(), Boolean.TRUE);
                    threads.execute(() -> run(record.key()));
                }
            }
        }
    }

    /**
     * Starts a download, or continues the failed one of the same request from where it stopped.
     *
     * @throws IllegalArgumentException when the account is not registered
     * @throws DatasetBusyException     while a download into the same dataset runs
     */
    public CandleDownload start(CandleDownloadRequest request) {
        DatasetKey key = request.key();
        if (accounts.apply(request.exchange(), request.account()) == null) {
            throw new IllegalArgumentException("no exchange account " + request.exchange() + "/" + request.account()
                    + " is registered");
        }
        synchronized (datasets.lock()) {
            if (running.putIfAbsent(key, Boolean.TRUE) != null) {
                throw new DatasetBusyException("a download into " + key + " is running");
            }
        }
        boolean started = false;
        try {
            DownloadRecord last = records.get(key);
            DownloadRecord record;
            if (last != null && last.state() == CandleDownload.State.FAILED && last.request().equals(request)) {
                record = last.progress(last.next(), last.candles(), last.spoolBytes(), clock.instant());
            } else {
                Files.createDirectories(folder);
                byte[] header = (CandleCsv.HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
                Files.write(spoolOf(key), header);
                record = new DownloadRecord(request, CandleDownload.State.RUNNING, request.from(), 0, header.length,
                        null, clock.instant());
            }
            save(record);
            threads.execute(() -> run(key));
            started = true;
            return record.view();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the download into " + key, e);
        } finally {
            if (!started) {
                running.remove(key);
            }
        }
    }

    /** True while a download into {@code key} runs (its dataset must not be replaced meanwhile). */
    public boolean isRunning(DatasetKey key) {
        return running.containsKey(key);
    }

    /** The record of the last download of {@code key}. */
    public Optional<CandleDownload> last(DatasetKey key) {
        return Optional.ofNullable(records.get(key)).map(DownloadRecord::view);
    }

    /** Every dataset's last download, sorted by key. */
    public List<CandleDownload> list() {
        List<CandleDownload> all = new ArrayList<>();
        records.values().stream().sorted(Comparator.comparing(r -> r.key().toString()))
                .forEach(r -> all.add(r.view()));
        return all;
    }

    /** Forgets the last download of {@code key} (not a running one); true when there was one. */
    public boolean forget(DatasetKey key) throws IOException {
        if (running.containsKey(key)) {
            throw new DatasetBusyException("a download into " + key + " is running");
        }
        boolean had = records.remove(key) != null;
        Files.deleteIfExists(recordOf(key));
        Files.deleteIfExists(spoolOf(key));
        return had;
    }

    private void run(DatasetKey key) {
        try {
            DownloadRecord record = records.get(key);
            truncateSpool(key, record.spoolBytes());
            record = fetch(record);
            if (record.state() == CandleDownload.State.RUNNING) {
                merge(record);
            }
        } catch (InterruptedException e) {
            pausedByShutdown(key);
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (threads.isShutdown()) {
                // close() interrupted a file operation (a FileChannel then throws
                // ClosedByInterruptException): a stop, not a fault of the download. The record
                // still vouches only for what was on disk; the next start truncates the spool to it.
                pausedByShutdown(key);
                return;
            }
            LOG.log(Level.WARNING, "download into {0} failed: {1}", key, e.toString());
            fail(key, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            running.remove(key);
        }
    }

    private static void pausedByShutdown(DatasetKey key) {
        LOG.log(Level.INFO, "download into {0} paused by shutdown; it continues at the next start", key);
    }

    private DownloadRecord fetch(DownloadRecord record) throws IOException, InterruptedException {
        CandleDownloadRequest request = record.request();
        Duration step = request.interval().duration();
        int failures = 0;
        Instant waitingSince = null;
        while (record.next().isBefore(request.to())) {
            ExchangeAdapter adapter = accounts.apply(request.exchange(), request.account());
            if (adapter == null) {
                waitingSince = waitingSince == null ? clock.instant() : waitingSince;
                if (Duration.between(waitingSince, clock.instant()).compareTo(ACCOUNT_WAIT) > 0) {
                    return fail(record.key(), "exchange account " + request.exchange() + "/" + request.account()
                            + " has not been registered for " + ACCOUNT_WAIT.toMinutes() + " minutes");
                }
                Thread.sleep(1000);
                continue;
            }
            waitingSince = null;
            List<Candle> page;
            try {
                page = adapter.candleHistory(request.symbol(), request.interval(), record.next(), request.to())
                        .toCompletableFuture().get(PAGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                failures = 0;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                long wait = retryDelay(cause, ++failures);
                if (wait < 0) {
                    return fail(record.key(), "the exchange refused the history: " + cause.getMessage());
                }
                LOG.log(Level.DEBUG, "download into {0}: {1}; again in {2} ms", record.key(), cause, wait);
                Thread.sleep(wait);
                continue;
            }
            List<Candle> fresh = new ArrayList<>(page.size());
            for (Candle c : page) {
                if (!c.openTime().isBefore(record.next()) && c.openTime().isBefore(request.to())
                        && (fresh.isEmpty() || c.openTime().isAfter(fresh.get(fresh.size() - 1).openTime()))) {
                    fresh.add(c);
                }
            }
            if (fresh.isEmpty()) {
                break; // nothing more from here to the end of the range
            }
            long bytes = appendToSpool(record.key(), fresh);
            Instant next = fresh.get(fresh.size() - 1).openTime().plus(step);
            record = record.progress(next, record.candles() + fresh.size(), record.spoolBytes() + bytes, clock.instant());
            save(record);
            if (!pagePause.isZero()) {
                Thread.sleep(pagePause.toMillis());
            }
        }
        return record;
    }

    /** How long to wait before asking again, or -1 when asking again cannot help. */
    private static long retryDelay(Throwable cause, int failures) {
        if (cause instanceof ExchangeException e) {
            if (e.kind() == ErrorKind.RATE_LIMITED) {
                return Math.max(1000, e.retryAfterMillis());
            }
            if (e.kind() != ErrorKind.TRANSIENT && e.kind() != ErrorKind.UNKNOWN_OUTCOME) {
                return -1;
            }
        }
        if (failures > MAX_TRANSIENT_FAILURES) {
            return -1;
        }
        return Math.min(30_000, 500L << Math.min(failures, 6));
    }

    private void merge(DownloadRecord record) throws IOException {
        DatasetKey key = record.key();
        try (InputStream spool = Files.newInputStream(spoolOf(key))) {
            datasets.mergeCsv(key, "download " + key, spool);
        }
        DownloadRecord done = record.finished(CandleDownload.State.DONE, null, clock.instant());
        save(done);
        Files.deleteIfExists(spoolOf(key));
        LOG.log(Level.INFO, "download into {0} done: {1} candles", key, Long.toString(done.candles()));
    }

    private DownloadRecord fail(DatasetKey key, String why) {
        DownloadRecord failed = records.get(key).finished(CandleDownload.State.FAILED, why, clock.instant());
        try {
            save(failed);
        } catch (IOException e) {
            records.put(key, failed);
            LOG.log(Level.WARNING, "cannot record the failed download into {0}: {1}", key, e.toString());
        }
        return failed;
    }

    private void save(DownloadRecord record) throws IOException {
        Files.createDirectories(folder);
        record.write(recordOf(record.key()));
        records.put(record.key(), record);
    }

    private long appendToSpool(DatasetKey key, List<Candle> candles) throws IOException {
        StringBuilder text = new StringBuilder(candles.size() * 64);
        for (Candle c : candles) {
            text.append(c.openTime().toEpochMilli()).append(',').append(c.open().toPlainString()).append(',')
                    .append(c.high().toPlainString()).append(',').append(c.low().toPlainString()).append(',')
                    .append(c.close().toPlainString()).append(',').append(c.volume().toPlainString()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        try (FileChannel out = FileChannel.open(spoolOf(key), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false); // on disk before the record vouches for it
        }
        return bytes.length;
    }

    private void truncateSpool(DatasetKey key, long length) throws IOException {
        try (FileChannel spool = FileChannel.open(spoolOf(key), StandardOpenOption.WRITE)) {
            if (spool.size() < length) {
                throw new IOException("the spool of the download into " + key + " is shorter than its record");
            }
            spool.truncate(length);
        }
    }

    private Path recordOf(DatasetKey key) {
        return folder.resolve(fileName(key) + ".properties");
    }

    private Path spoolOf(DatasetKey key) {
        return folder.resolve(fileName(key) + ".csv");
    }

    /** exchange~SYMBOL~interval: the key's parts never hold '~' (see DatasetKey). */
    private static String fileName(DatasetKey key) {
        return key.exchange() + "~" + key.symbol() + "~" + key.interval().code();
    }

    /** Stops the threads; running downloads stay RUNNING on disk and continue at the next start. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
