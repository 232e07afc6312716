package io.botfleet.itests.runtime;

import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The real candle files of the test data, read inside the container from the folder the driver passed on. */
public final class CandleData {

    public static final String PROPERTY = "botfleet.test.data";

    /** One row of a candle file: open time and close, exactly as written. */
    public record Row(Instant openTime, BigDecimal close) {
    }

    private CandleData() {
    }

    /** Driver side: a folder holding the candle files. */
    public static Path locate() {
        return CandleFiles.folder();
    }

    /** Container side: the folder the driver passed on. */
    public static Path folder() {
        return Path.of(System.getProperty(PROPERTY));
    }

    public static List<Row> rows(String file) {
        try {
            List<String> lines = Files.readAllLines(folder().resolve(file));
            List<Row> rows = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                rows.add(new Row(Instant.ofEpochMilli(Long.parseLong(cells[0])), new BigDecimal(cells[4])));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
