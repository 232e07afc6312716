package io.botfleet.benchmarks;

import io.botfleet.benchmarks.backtest.Ta4jSma;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ta4j.core.BarSeries;

/**
 * Backtests through the real distribution, in one run of this driver:
 * <ol>
 *   <li>a 1 M-candle dataset uploaded, then one SMA 10/30 backtest of it, {@code POST} to
 *       {@code DONE} as a client sees it, against ta4j 0.17 {@code DoubleNum} loading the same CSV
 *       and running the same crossover in this process (both warmed up, medians of 7, taking
 *       turns so load that comes and goes falls on both);</li>
 *   <li>live bots' candle-to-order latency ({@code botfleet_candle_to_order_seconds}) for 20 s
 *       without a sweep, then while a 100-run sweep (fast 5..14 × slow 20..65, 525,600 candles)
 *       runs; twice, each window after a full collection in the server.</li>
 * </ol>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.BacktestApiDriver distribution/target/botfleet [bots] [server JVM options]</pre>
 */
public final class BacktestApiDriver {

    private static final int CANDLES = 1_000_000;
    private static final int SWEEP_CANDLES = 525_600;
    private static final String DATASET = "/api/v1/candles/bench/BTCUSDT/1m";
    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final String LATENCY = "botfleet_candle_to_order_seconds";
    private static final long QUIET_WINDOW_MILLIS = 20_000;

    private BacktestApiDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "distribution/target/botfleet").toAbsolutePath();
        int bots = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String javaOpts = args.length > 2 ? args[2] : "-Xmx1g";
        Path csv = Files.createTempFile("backtest-api-", ".csv");
        CandleUploadDriver.writeWalk(csv, CANDLES);
        // a candle every 100 ms per bot; fast 2 / slow 3 crosses every few candles, so orders are frequent
        try (DistributionServer s = new DistributionServer(dist, Map.of("io.botfleet.exchange.paper-live.cfg",
                "synthetic.symbol=BTCUSDT\nsynthetic.speed=600\nbalance.USDT=1000000000\n"), javaOpts)) {
            s.awaitReady("live");
            upload(s, csv);
            System.out.printf("server options %s; load average %s; %,d candles uploaded%n", javaOpts,
                    CandleUploadDriver.loadAverage(), CANDLES);
            apiAgainstTa4j(s, csv);
            latencyWithAndWithoutSweep(s, bots);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static void apiAgainstTa4j(DistributionServer s, Path csv) throws Exception {
        String one = "{\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":10,\"slow\":30}},"
                + "\"data\":{\"exchange\":\"bench\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\"},"
                + "\"risk\":{\"orderQty\":\"0.01\"}}";
        int warmup = 3;
        int rounds = 7;
        long[] api = new long[rounds];
        long[] ta4j = new long[rounds];
        int trades = 0;
        for (int r = -warmup; r < rounds; r++) {
            long t0 = System.nanoTime();
            awaitDone(s, s.post("/api/v1/backtests", one, 202), 2);
            long t1 = System.nanoTime();
            BarSeries bars = Ta4jSma.loadCsv(csv);
            trades = Ta4jSma.run(bars, 10, 30).getPositionCount();
            long t2 = System.nanoTime();
            if (r >= 0) {
                api[r] = t1 - t0;
                ta4j[r] = t2 - t1;
            }
        }
        System.out.printf("1 M candles, SMA 10/30, medians of %d after %d warm-up (load %s):%n", rounds, warmup,
                CandleUploadDriver.loadAverage());
        System.out.printf("  API, POST -> DONE (stored dataset, exact):      %,8.1f ms  %s%n", median(api) / 1e6,
                millis(api));
        System.out.printf("  ta4j DoubleNum, load CSV + run (%,d positions): %,8.1f ms  %s%n", trades,
                median(ta4j) / 1e6, millis(ta4j));
    }

    private static void latencyWithAndWithoutSweep(DistributionServer s, int bots) throws Exception {
        s.forEachBot("live", bots, id -> s.post("/api/v1/bots", "{\"id\":\"" + id + "\",\"strategy\":"
                + "{\"id\":\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":2,\"slow\":3}},"
                + "\"exchange\":{\"id\":\"paper\",\"account\":\"live\"},\"symbol\":\"BTCUSDT\",\"interval\":\"1m\","
                + "\"risk\":{\"orderQty\":\"0.001\"},\"autoStart\":true}", 201));
        while (s.running() < bots) {
            Thread.sleep(50);
        }
        Thread.sleep(10_000); // the bots' code paths warm
        Instant from = Instant.ofEpochMilli(CandleUploadDriver.WALK_START_MILLIS);
        String sweep = "{\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{"
                + "\"fast\":" + range(5, 14, 1) + ",\"slow\":" + range(20, 65, 5) + "}},"
                + "\"data\":{\"exchange\":\"bench\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"from\":\"" + from
                + "\",\"to\":\"" + from.plusSeconds(60L * SWEEP_CANDLES) + "\"},\"risk\":{\"orderQty\":\"0.01\"}}";
        // Each window starts after a full collection in the server (jcmd), so that neither pays for
        // the garbage of what came before it (the 1 M-candle runs, the sweep before).
        for (int round = 1; round <= 2; round++) {
            s.heapAfterGc();
            MetricHistogram quietStart = latency(s);
            Thread.sleep(QUIET_WINDOW_MILLIS);
            MetricHistogram quiet = latency(s).since(quietStart);
            s.heapAfterGc();
            MetricHistogram sweepStart = latency(s);
            long t0 = System.nanoTime();
            awaitDone(s, id(s.post("/api/v1/backtests", sweep, 202)), 200);
            long sweepNanos = System.nanoTime() - t0;
            MetricHistogram during = latency(s).since(sweepStart);
            System.out.printf("%d live bots (a candle every 100 ms each, SMA 2/3), round %d (load %s):%n", bots, round,
                    CandleUploadDriver.loadAverage());
            System.out.printf("  %d s without a sweep: %s%n", QUIET_WINDOW_MILLIS / 1000, quiet);
            System.out.printf("  a 100-run sweep over %,d candles, %.1f s: %s%n", SWEEP_CANDLES, sweepNanos / 1e9,
                    during);
        }
    }

    private static MetricHistogram latency(DistributionServer s) throws Exception {
        return MetricHistogram.scrape(s.get("/metrics").body(), LATENCY);
    }

    private static void upload(DistributionServer s, Path csv) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.port() + DATASET))
                .header("Authorization", "Bearer " + DistributionServer.TOKEN).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("upload: " + r.statusCode() + " " + r.body());
        }
    }

    /** Polls the backtest every {@code pollMillis} until it is DONE; anything else ends it. */
    private static void awaitDone(DistributionServer s, String answerOrId, long pollMillis) throws Exception {
        String id = answerOrId.startsWith("{") ? id(answerOrId) : answerOrId;
        while (true) {
            String body = s.get("/api/v1/backtests/" + id).body();
            Matcher state = STATE.matcher(body);
            String now = state.find() ? state.group(1) : "?";
            if (now.equals("DONE")) {
                return;
            }
            if (!now.equals("QUEUED") && !now.equals("RUNNING")) {
                throw new IllegalStateException("backtest " + id + ": " + body);
            }
            Thread.sleep(pollMillis);
        }
    }

    private static String id(String backtest) {
        Matcher m = ID.matcher(backtest);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + backtest);
        }
        return m.group(1);
    }

    private static String range(int from, int to, int step) {
        return IntStream.iterate(from, i -> i <= to, i -> i + step).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String millis(long[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format("%.0f", v / 1e6)).collect(Collectors.joining(" ", "[", "]"));
    }
}
