package io.botfleet.backtest.dataset;

import io.botfleet.api.dataset.CandleDownload;
import io.botfleet.api.dataset.CandleDownloadRequest;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.market.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;

/**
 * A download's progress on disk: a small properties file, replaced atomically after every page,
 * beside the spool of the candles fetched so far. {@code spoolBytes} is how much of the spool the
 * record vouches for: a restart cuts the spool back to it, dropping a page written after the last
 * record (it is fetched again).
 */
record DownloadRecord(CandleDownloadRequest request, CandleDownload.State state, Instant next, long candles,
                      long spoolBytes, String error, Instant updatedAt) {

    CandleDownload view() {
        return new CandleDownload(request, state, next, candles, error, updatedAt);
    }

    DatasetKey key() {
        return request.key();
    }

    DownloadRecord progress(Instant newNext, long newCandles, long newSpoolBytes, Instant now) {
        return new DownloadRecord(request, CandleDownload.State.RUNNING, newNext, newCandles, newSpoolBytes, null, now);
    }

    DownloadRecord finished(CandleDownload.State newState, String why, Instant now) {
        return new DownloadRecord(request, newState, next, candles, spoolBytes, why, now);
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("exchange", request.exchange());
        p.setProperty("account", request.account());
        p.setProperty("symbol", request.symbol());
        p.setProperty("interval", request.interval().code());
        p.setProperty("from", request.from().toString());
        p.setProperty("to", request.to().toString());
        p.setProperty("state", state.name());
        p.setProperty("next", next.toString());
        p.setProperty("candles", Long.toString(candles));
        p.setProperty("spoolBytes", Long.toString(spoolBytes));
        p.setProperty("updatedAt", updatedAt.toString());
        if (error != null) {
            p.setProperty("error", error);
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            p.store(w, "candle download");
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @throws IOException when it cannot be read or is not a record this store wrote */
    static DownloadRecord read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        try {
            CandleDownloadRequest request = new CandleDownloadRequest(p.getProperty("exchange"),
                    p.getProperty("account"), p.getProperty("symbol"), Interval.parse(p.getProperty("interval")),
                    Instant.parse(p.getProperty("from")), Instant.parse(p.getProperty("to")));
            return new DownloadRecord(request, CandleDownload.State.valueOf(p.getProperty("state")),
                    Instant.parse(p.getProperty("next")), Long.parseLong(p.getProperty("candles")),
                    Long.parseLong(p.getProperty("spoolBytes")), p.getProperty("error"),
                    Instant.parse(p.getProperty("updatedAt")));
        } catch (RuntimeException e) {
            throw new IOException("download record " + file + " cannot be read: " + e, e);
        }
    }
}
