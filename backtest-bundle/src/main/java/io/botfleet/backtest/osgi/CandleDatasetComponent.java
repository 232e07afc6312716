package io.botfleet.backtest.osgi;

import io.botfleet.api.dataset.CandleDatasetService;
import io.botfleet.api.dataset.CandleDownload;
import io.botfleet.api.dataset.CandleDownloadRequest;
import io.botfleet.api.dataset.DatasetBusyException;
import io.botfleet.api.dataset.DatasetCandles;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.dataset.DatasetSummary;
import io.botfleet.api.dataset.UploadTooLargeException;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.home.BotfleetHome;
import io.botfleet.backtest.dataset.CandleDatasets;
import io.botfleet.backtest.dataset.CandleDownloads;
import io.botfleet.backtest.dataset.SeriesSlice;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The server's candle datasets under {@code <botfleet.home>/data/candles}, with downloads from
 * the registered exchange accounts. Uploads and the end of a download replace a dataset under the
 * store's lock ({@link CandleDatasets#lock()}); reads take none.
 */
@Component(service = CandleDatasetService.class, configurationPid = CandleDatasetConfig.PID)
@Designate(ocd = CandleDatasetConfig.class)
public class CandleDatasetComponent implements CandleDatasetService {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    final List<ExchangeAdapter> adapters = new CopyOnWriteArrayList<>();

    private CandleDatasets datasets;
    private CandleDownloads downloads;
    private long maxUploadBytes;

    @Activate
    void activate(BundleContext context, CandleDatasetConfig config) throws IOException {
        Path root = BotfleetHome.resolve(context::getProperty).resolve("data").resolve("candles");
        open(root, config.maxUploadBytes(), Duration.ofMillis(Math.max(0, config.downloadPagePauseMillis())));
    }

    /** Opens the store at {@code root}, clears what a crash left, and continues the downloads recorded there. */
    void open(Path root, long maxUpload, Duration pagePause) throws IOException {
        this.maxUploadBytes = maxUpload;
        this.datasets = new CandleDatasets(root);
        datasets.removeLeftovers();
        this.downloads = new CandleDownloads(datasets, this::adapter, pagePause, Clock.systemUTC());
        downloads.resume();
    }

    @Deactivate
    void deactivate() {
        downloads.close();
    }

    private ExchangeAdapter adapter(String exchange, String account) {
        for (ExchangeAdapter a : adapters) {
            if (a.exchangeId().equals(exchange) && a.account().equals(account)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    @Override
    public List<DatasetSummary> list() throws IOException {
        return datasets.list();
    }

    @Override
    public DatasetSummary put(DatasetKey key, InputStream csv) throws IOException {
        // checked at the start only: a download started during the upload merges into what it stored
        if (downloads.isRunning(key)) {
            throw new DatasetBusyException("a download into " + key + " is running");
        }
        return datasets.importCsv(key, new Limited(csv, maxUploadBytes));
    }

    @Override
    public boolean delete(DatasetKey key) throws IOException {
        synchronized (datasets.lock()) {
            boolean hadDownload = downloads.forget(key);
            return datasets.delete(key) | hadDownload;
        }
    }

    @Override
    public Optional<DatasetCandles> read(DatasetKey key, Instant from, Instant to) throws IOException {
        return datasets.load(key).map(series -> new SeriesSlice(key, series, from, to));
    }

    @Override
    public CandleDownload download(CandleDownloadRequest request) {
        return downloads.start(request);
    }

    @Override
    public List<CandleDownload> downloads() {
        return downloads.list();
    }

    /** Fails with {@link UploadTooLargeException} once more than {@code limit} bytes are read. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) throws UploadTooLargeException {
            count += n;
            if (count > limit) {
                throw new UploadTooLargeException(limit);
            }
        }
    }
}
