package io.botfleet.api.dataset;

import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.CandleCsvException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's candle datasets. Changes of a dataset are atomic: a reader sees the old candles or
 * the new ones, and a failed upload or download leaves the dataset as it was.
 */
@ProviderType
public interface CandleDatasetService {

    /** The largest CSV {@link #put} accepts, in bytes (uncompressed). */
    long maxUploadBytes();

    /** Every dataset, sorted by key. */
    List<DatasetSummary> list() throws IOException;

    /**
     * Replaces the dataset {@code key} with the candles of a CSV in the format of {@link CandleCsv},
     * read as a stream (never held whole).
     *
     * @throws CandleCsvException       naming the line and field of the first bad line (nothing stored)
     * @throws UploadTooLargeException  past {@link #maxUploadBytes()} (nothing stored)
     * @throws DatasetBusyException     while a download into {@code key} runs
     * @throws IOException              when the CSV cannot be read to its end (nothing stored) or the
     *                                  dataset cannot be written
     */
    DatasetSummary put(DatasetKey key, InputStream csv) throws IOException;

    /**
     * Deletes the dataset {@code key} (and the record of its last download); false when there was
     * neither.
     *
     * @throws DatasetBusyException while a download into {@code key} runs
     */
    boolean delete(DatasetKey key) throws IOException;

    /**
     * The candles of {@code key} opening at or after {@code from} and before {@code to} (null for
     * either: unbounded); empty when there is no such dataset.
     */
    Optional<DatasetCandles> read(DatasetKey key, Instant from, Instant to) throws IOException;

    /**
     * Starts (or continues, after a failure) a download; it runs in the background, pages through
     * the account's candle history within the account's rate limits, survives a restart of the
     * server, and merges the candles into the dataset when the range is complete (a fetched candle
     * replaces one with the same open time).
     *
     * @throws IllegalArgumentException when no such exchange account is registered
     * @throws DatasetBusyException     while a download into the same dataset runs
     */
    CandleDownload download(CandleDownloadRequest request);

    /** The downloads running and the last one of each dataset, sorted by key. */
    List<CandleDownload> downloads();
}
