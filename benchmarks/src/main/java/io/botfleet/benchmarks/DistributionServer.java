package io.botfleet.benchmarks;

import io.botfleet.testdata.CandleFiles;
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
import java.util.Map;

/**
 * The real distribution as a process on a free loopback port with a throw-away home, driven over
 * HTTP only, for the scale and swap drivers.
 */
final class DistributionServer implements AutoCloseable {

    static final String TOKEN = "benchmark-driver-admin-token-0123456789";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private final Path home;
    private final int port;

    /** @param etcFiles file name → content, written to {@code etc/} before the start */
    DistributionServer(Path distribution, Map<String, String> etcFiles, String javaOpts) throws Exception {
        this(distribution, Files.createTempDirectory("botfleet-bench-"), etcFiles, javaOpts);
    }

    /** A server on an existing home (a restart after a crash), or a new one with these etc files. */
    DistributionServer(Path distribution, Path home, Map<String, String> etcFiles, String javaOpts)
            throws Exception {
        this.home = home;
        Files.createDirectories(home.resolve("etc"));
        for (var file : etcFiles.entrySet()) {
            Files.writeString(home.resolve("etc").resolve(file.getKey()), file.getValue());
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(distribution.resolve("bin/botfleet").toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        pb.environment().put("BOTFLEET_HOME", home.toString());
        pb.environment().put("BOTFLEET_HTTP_PORT", Integer.toString(port));
        pb.environment().put("BOTFLEET_ADMIN_TOKEN", TOKEN);
        pb.environment().put("BOTFLEET_JAVA_OPTS", javaOpts);
        process = pb.start();
    }

    /** Waits for readiness and for {@code exchangeAccount} to be listed. */
    void awaitReady(String exchangeAccount) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (get("/health/ready").statusCode() == 200
                        && get("/api/v1/exchanges").body().contains("\"" + exchangeAccount + "\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready; see " + home.resolve("server.log"));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    String post(String path, String json, int expected) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), expected);
    }

    String postJar(byte[] jar, int expected) throws IOException, InterruptedException {
        return send(request("/api/v1/bundles").header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), expected);
    }

    private String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " -> "
                    + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN);
    }

    /** Creates (and with {@code autoStart} starts) SMA 10/30 bots {@code prefix-0..count-1}. */
    void createBots(String prefix, int count, String account, String symbol, String version, boolean autoStart)
            throws Exception {
        forEachBot(prefix, count, id -> post("/api/v1/bots", "{\"id\":\"" + id + "\",\"strategy\":{\"id\":\"sma-crossover\","
                + "\"version\":\"" + version + "\",\"params\":{\"fast\":10,\"slow\":30}},\"exchange\":{\"id\":\"paper\","
                + "\"account\":\"" + account + "\"},\"symbol\":\"" + symbol + "\",\"interval\":\"1m\","
                + "\"risk\":{\"orderQty\":\"1\"},\"autoStart\":" + autoStart + "}", 201));
    }

    interface BotCall {
        void call(String id) throws Exception;
    }

    /** Runs {@code call} for every bot id with 8 concurrent callers. */
    void forEachBot(String prefix, int count, BotCall call) throws Exception {
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

    /** Sum of the {@code candles} counters and how many bots reported one. */
    long[] candleTotals() throws Exception {
        Matcher m = Pattern.compile("\"candles\":(\\d+)").matcher(get("/api/v1/bots").body());
        long total = 0;
        long bots = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
            bots++;
        }
        return new long[] {total, bots};
    }

    int running() throws Exception {
        return get("/api/v1/bots").body().split("\"state\":\"RUNNING\"", -1).length - 1;
    }

    /** Heap in use after a full collection, read with jcmd from outside the server. */
    long heapAfterGc() throws Exception {
        String pid = Long.toString(process.pid());
        run("jcmd", pid, "GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(run("jcmd", pid, "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    Path home() {
        return home;
    }

    int port() {
        return port;
    }

    /** SIGKILL: a crash, nothing runs after it; the home stays for a restart. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, waits for the exit, removes the home; returns the exit status. */
    int stop() throws Exception {
        process.destroy();
        int exit = process.waitFor();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return exit;
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive() || Files.exists(home)) {
            stop();
        }
    }

    static Path locateData(String file) {
        return CandleFiles.path(file);
    }
}
