package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code candles upload <exchange/symbol/interval> <csv>}: {@code PUT /api/v1/candles/...} with the
 * CSV gzipped on the way ({@code Content-Encoding: gzip}; a {@code .gz} file is sent as it is).
 * The CSV is compressed into a temporary file first, so a large one is streamed, never held in memory.
 */
@Command(name = "upload", description = {"Upload a candle CSV as a dataset (operator token).",
        "Format: the header open_time_ms,open,high,low,close,volume and one closed candle a line;",
        "sent gzipped. A bad row is refused with its line and field; nothing is stored then."})
final class CandlesUploadCommand implements Callable<Integer> {

    /** Up to 512 MiB of CSV through a slow link: far longer than a plain request may take. */
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);

    @ParentCommand
    CandlesCommand candles;

    @Parameters(index = "0", paramLabel = "<exchange/symbol/interval>", description = "the dataset, e.g. bybit/BTCUSDT/1m")
    String dataset;

    @Parameters(index = "1", paramLabel = "<csv>", description = "the CSV file (.csv, or .csv.gz sent as it is)")
    Path csv;

    @Override
    public Integer call() {
        DatasetKey key = DatasetKey.parse(dataset);
        if (Files.isDirectory(csv)) {
            throw new CtlException(CtlException.USAGE, csv + " is a folder, not a CSV file");
        }
        if (!Files.isReadable(csv)) {
            throw new CtlException(CtlException.USAGE, Files.exists(csv) ? "cannot read " + csv : "no file " + csv);
        }
        boolean gzipped = csv.getFileName().toString().endsWith(".gz");
        Path body = gzipped ? csv : gzip(csv);
        try {
            ApiResponse answer = candles.ctl.client().put(ApiPaths.dataset(key), "text/csv", "gzip", body, UPLOAD_TIMEOUT);
            return candles.ctl.print(answer, CandlesUploadCommand::render);
        } finally {
            if (!gzipped) {
                deleteQuietly(body);
            }
        }
    }

    static String render(JsonNode d) {
        return key(d) + ": " + Fields.text(d, "candles") + " candles, " + Fields.text(d, "from") + " .. "
                + Fields.text(d, "to") + ", " + Fields.text(d, "gaps") + " gap(s)\n";
    }

    static String key(JsonNode d) {
        return Fields.text(d, "exchange") + "/" + Fields.text(d, "symbol") + "/" + Fields.text(d, "interval");
    }

    private static Path gzip(Path csv) {
        try {
            Path gz = Files.createTempFile("botfleetctl-", ".csv.gz");
            try (InputStream in = Files.newInputStream(csv);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
                in.transferTo(out);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(gz);
                throw e;
            }
            return gz;
        } catch (NoSuchFileException e) {
            throw new CtlException(CtlException.USAGE, "no file " + csv, e);
        } catch (IOException e) {
            throw new CtlException(CtlException.USAGE, "cannot compress " + csv + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is the system's to clean
        }
    }
}
