package io.botfleet.itests.runtime;

import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
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
        return CandleCsv.read(folder().resolve(file), "TEST", Interval.M1).stream()
                .map(c -> new Row(c.openTime(), c.close())).toList();
    }
}
