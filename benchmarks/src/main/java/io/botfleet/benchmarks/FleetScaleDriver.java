package io.botfleet.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scale figures of the whole pipeline, measured on the real distribution driven over HTTP only:
 * <ol>
 *   <li>replay throughput of one bot (SMA 10/30 over UNITTEST_BTC-1m.csv, every candle journaled
 *       in H2 before the next one is delivered);</li>
 *   <li>replay throughput of 1,000 bots sharing one replay of the file's first 2,000 candles;</li>
 *   <li>heap per idle bot with 10,000 bots started (after a full GC, against the empty fleet).</li>
 * </ol>
 * Usage, from the project root after {@code mvn -q install -DskipTests}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.FleetScaleDriver
 * distribution/target/botfleet [part...]} where part is one of {@code one}, {@code thousand},
 * {@code idle} (default: all). Prints one line per figure.
 */
public final class FleetScaleDriver {

    private static final String TOKEN = "scale-driver-admin-token-0123456789";
    private static final Pattern CANDLES = Pattern.compile("\"candles\":(\\d+)");

    private final Path distribution;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process server;
    private int port;
    private Path home;

    private FleetScaleDriver(Path distribution) {
        this.distribution = distribution;
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "distribution/target/botfleet").toAbsolutePath();
        List<String> parts = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("one", "thousand", "idle");
        Path data = locate("UNITTEST_BTC-1m.csv");
        if (parts.contains("one")) {
            FleetScaleDriver d = new FleetScaleDriver(dist);
            d.start(replayAccount("file", data));
            long t0 = System.nanoTime();
            d.createBots("one", 1, "file", "UNITTESTBTC", true);
            d.awaitCandles("one", 1, 13_681);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("one bot, whole pipeline: %,d candles in %.2f s = %,.0f candles/s%n", 13_681, s, 13_681 / s);
            d.stop();
        }
        if (parts.contains("thousand")) {
            Path shortFile = Files.createTempFile("candles-2000", ".csv");
            try (Stream<String> lines = Files.lines(data)) {
                Files.write(shortFile, lines.limit(2_001).toList());
            }
            FleetScaleDriver d = new FleetScaleDriver(dist);
            d.start(replayAccount("file", shortFile).replace("replay.speed=0", "replay.speed=0"));
            // the replay starts with its first subscriber: create the bots stopped, then start them all
            d.createBots("k", 1_000, "file", "UNITTESTBTC", false);
            long t0 = System.nanoTime();
            d.startBots("k", 1_000);
            d.awaitCandles("k", 1_000, 2_000);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("1,000 bots sharing one replay: %,d candles in %.2f s = %,.0f candles/s (all bots)%n",
                    2_000_000, s, 2_000_000 / s);
            d.stop();
        }
        if (parts.contains("idle")) {
            FleetScaleDriver d = new FleetScaleDriver(dist);
            d.start("synthetic.symbol=BTCUSDT\nsynthetic.speed=0.0001\nbalance.USDT=1000000\n");
            long before = d.heapAfterGc();
            long t0 = System.nanoTime();
            d.createBots("idle", 10_000, "idle", "BTCUSDT", true);
            d.awaitRunning(10_000);
            double s = (System.nanoTime() - t0) / 1e9;
            long after = d.heapAfterGc();
            System.out.printf("10,000 idle bots: created and RUNNING in %.1f s; heap %,d -> %,d KiB = %,.1f KiB per bot%n",
                    s, before / 1024, after / 1024, (after - before) / 1024.0 / 10_000);
            long stop0 = System.nanoTime();
            int exit = d.stop();
            System.out.printf("graceful shutdown with 10,000 bots: %.2f s, exit status %d%n", (System.nanoTime() - stop0) / 1e9, exit);
        }
    }

    private static String replayAccount(String name, Path file) {
        return "replay.file=" + file + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=0\n"
                + "feeBps=0\nslippageBps=0\nbalance.BTC=100000000\n";
    }

    private void start(String paperAccount) throws Exception {
        home = Files.createTempDirectory("botfleet-scale-");
        Files.createDirectories(home.resolve("etc"));
        String account = paperAccount.contains("replay.file") ? "file" : "idle";
        Files.writeString(home.resolve("etc/io.botfleet.exchange.paper-" + account + ".cfg"), paperAccount);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(distribution.resolve("bin/botfleet").toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        pb.environment().put("BOTFLEET_HOME", home.toString());
        pb.environment().put("BOTFLEET_HTTP_PORT", Integer.toString(port));
        pb.environment().put("BOTFLEET_ADMIN_TOKEN", TOKEN);
        pb.environment().put("BOTFLEET_JAVA_OPTS", "-Xmx2g");
        server = pb.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (get("/health/ready").statusCode() == 200 && get("/api/v1/exchanges").body().contains("\"" + account + "\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready; see " + home.resolve("server.log"));
    }

    private int stop() throws Exception {
        server.destroy();
        int exit = server.waitFor();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return exit;
    }

    private void createBots(String prefix, int count, String account, String symbol, boolean autoStart) throws Exception {
        forEachBot(prefix, count, id -> post("/api/v1/bots", "{\"id\":\"" + id + "\",\"strategy\":{\"id\":\"sma-crossover\","
                + "\"version\":\"1.0.0\",\"params\":{\"fast\":10,\"slow\":30}},\"exchange\":{\"id\":\"paper\",\"account\":\""
                + account + "\"},\"symbol\":\"" + symbol + "\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"1\"},\"autoStart\":"
                + autoStart + "}", 201));
    }

    private void startBots(String prefix, int count) throws Exception {
        forEachBot(prefix, count, id -> post("/api/v1/bots/" + id + "/start", "", 200));
    }

    private interface BotCall {
        void call(String id) throws Exception;
    }

    private void forEachBot(String prefix, int count, BotCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                calls.add(CompletableFuture.runAsync(() -> {
                    try {
                        call.call(id);
                    } catch (Exception e) {
                        throw new IllegalStateException(id + ": " + e.getMessage(), e);
                    }
                }, pool));
            }
            calls.forEach(CompletableFuture::join);
        } finally {
            pool.shutdown();
        }
    }

    private void awaitCandles(String prefix, int bots, long candles) throws Exception {
        while (true) {
            String body = get("/api/v1/bots").body();
            Matcher m = CANDLES.matcher(body);
            long total = 0;
            int seen = 0;
            while (m.find()) {
                total += Long.parseLong(m.group(1));
                seen++;
            }
            if (seen >= bots && total >= candles * bots) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private void awaitRunning(int bots) throws Exception {
        while (true) {
            String body = get("/api/v1/bots").body();
            int running = body.split("\"state\":\"RUNNING\"", -1).length - 1;
            if (running >= bots) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Heap in use after a full collection, read with jcmd from outside the server. */
    private long heapAfterGc() throws Exception {
        long pid = server.toHandle().descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst().map(ProcessHandle::pid).orElse(server.pid());
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        long total = 0;
        if (used.find()) {
            total = Long.parseLong(used.group(1)) * 1024;
        }
        return total;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void post(String path, String json, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
        }
    }

    private static Path locate(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data/" + file + " above the working folder");
    }
}
