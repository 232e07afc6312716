package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderUpdateListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Test helpers: small replay files, configurations, waiting on stages. */
final class Fixture {

    static final String HEADER = "open_time_ms,open,high,low,close,volume";
    /** 2024-01-01T00:00:00Z */
    static final long T0 = 1704067200000L;

    private Fixture() {
    }

    /** Writes a replay file; each row "open,high,low,close" gets a time a minute apart. */
    static Path replayFile(Path dir, String... ohlc) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int i = 0; i < ohlc.length; i++) {
            lines.add((T0 + i * 60_000L) + "," + ohlc[i] + ",10");
        }
        Path file = dir.resolve("candles.csv");
        Files.write(file, lines);
        return file;
    }

    /** A replay account on BTCUSDT with 1000 USDT, no fees, speed 0. */
    static Map<String, Object> replayConfig(Path file) {
        Map<String, Object> config = new HashMap<>();
        config.put("account", "test");
        config.put("balance.USDT", "1000");
        config.put("balance.BTC", "0");
        config.put("replay.file", file.toString());
        config.put("replay.symbol", "BTCUSDT");
        config.put("replay.interval", "1m");
        config.put("replay.speed", "0");
        return config;
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Records order updates and executions as they arrive. */
    static final class OrderEvents implements OrderUpdateListener {
        final List<Object> events = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onOrderUpdate(ExchangeOrder order) {
            events.add(order);
        }

        @Override
        public void onExecution(Execution execution) {
            events.add(execution);
        }

        List<Execution> executions() {
            synchronized (events) {
                return events.stream().filter(Execution.class::isInstance)
                        .map(Execution.class::cast).toList();
            }
        }

        List<ExchangeOrder> orders() {
            synchronized (events) {
                return events.stream().filter(ExchangeOrder.class::isInstance)
                        .map(ExchangeOrder.class::cast).toList();
            }
        }
    }
}
