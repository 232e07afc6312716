package io.botfleet.itests.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The real candle files in {@code ../shared/data/}, found from the build's working folder. */
public final class SharedData {

    public static final String PROPERTY = "botfleet.shared.data";

    /** One row of a candle file: open time and close, exactly as written. */
    public record Row(Instant openTime, BigDecimal close) {
    }

    private SharedData() {
    }

    /** Driver side: walks up from the working folder to the one holding {@code shared/data}. */
    public static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("UNITTEST_BTC-1m.csv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data/UNITTEST_BTC-1m.csv above " + Path.of("").toAbsolutePath());
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
