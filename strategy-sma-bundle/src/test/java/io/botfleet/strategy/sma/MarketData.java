package io.botfleet.strategy.sma;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test candles: the real candle files of the test data, and hand-made series of closes. */
final class MarketData {

    private MarketData() {
    }

    /** Reads one of the real candle files of the test data (see the test-data module). */
    static List<Candle> realFile(String name) throws IOException {
        Path file = locate(name);
        List<Candle> candles = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            candles.add(new Candle("BTCUSDT", Interval.M1, Instant.ofEpochMilli(Long.parseLong(f[0])),
                    new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]),
                    new BigDecimal(f[4]), new BigDecimal(f[5]), true));
        }
        return candles;
    }

    static Path locate(String name) {
        return CandleFiles.path(name);
    }

    /** One closed one-minute candle per close, a minute apart, from a fixed start. */
    static List<Candle> closes(String... closes) {
        List<Candle> candles = new ArrayList<>();
        Instant time = Instant.parse("2024-01-01T00:00:00Z");
        for (String text : closes) {
            BigDecimal close = new BigDecimal(text);
            candles.add(new Candle("BTCUSDT", Interval.M1, time, close, close, close, close,
                    BigDecimal.ONE, true));
            time = time.plusSeconds(60);
        }
        return candles;
    }
}
