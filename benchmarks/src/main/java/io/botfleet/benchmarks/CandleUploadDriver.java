package io.botfleet.benchmarks;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * A 1 M-row candle CSV uploaded to the real distribution ({@code PUT /api/v1/candles/...}): wall
 * time per upload (plain and gzip-encoded) and the server's heap meanwhile, read from its own GC
 * log (the largest heap in use before a collection, and the largest left after one: what the
 * upload keeps alive). Run once with the distribution's default heap (512 MB) and once with 64 MB,
 * which a server that held the body or the candles in memory could not take (the CSV is about
 * 60 MB, its candles 48 MB as columns).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.CandleUploadDriver distribution/target/botfleet}
 */
public final class CandleUploadDriver {

    private static final int ROWS = 1_000_000;
    /** The open time of {@link #writeWalk}'s first candle. */
    static final long WALK_START_MILLIS = 1_700_000_040_000L;
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private CandleUploadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "distribution/target/botfleet").toAbsolutePath();
        Path work = Files.createTempDirectory("candle-upload-");
        Path csv = work.resolve("walk.csv");
        writeWalk(csv, ROWS);
        Path gz = work.resolve("walk.csv.gz");
        try (InputStream in = Files.newInputStream(csv); OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            in.transferTo(out);
        }
        System.out.printf("CSV: %,d rows, %,d bytes (gzip %,d bytes); load average %s%n", ROWS, Files.size(csv),
                Files.size(gz), loadAverage());
        for (String heap : List.of("-Xmx512m", "-Xmx64m")) {
            Path gcLog = work.resolve("gc" + heap + ".log");
            try (DistributionServer s = new DistributionServer(dist, Map.of("io.botfleet.exchange.paper-bench.cfg",
                    "synthetic.symbol=BTCUSDT\nsynthetic.speed=1\n"),
                    "-Xms64m " + heap + " -XX:+UseSerialGC -Xshare:auto -Xlog:gc:file=" + gcLog)) {
                s.awaitReady("bench");
                HttpClient http = HttpClient.newHttpClient();
                upload(http, s, csv, false, "warm-up"); // the classes and JIT of the path, once
                for (int run = 1; run <= 3; run++) {
                    measure(http, s, gcLog, csv, false, heap + " plain #" + run);
                }
                measure(http, s, gcLog, gz, true, heap + " gzip");
            }
        }
        System.out.println("load average after: " + loadAverage());
    }

    private static void measure(HttpClient http, DistributionServer s, Path gcLog, Path body, boolean gzip, String what)
            throws Exception {
        long gcBefore = Files.size(gcLog);
        String load = loadAverage();
        long t0 = System.nanoTime();
        String answer = upload(http, s, body, gzip, what);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(300); // the log is written by the VM's own thread
        long[] heap = heapDuring(gcLog, gcBefore);
        System.out.printf("%-18s %,7d ms  %,9.0f rows/s  heap in use before GC max %4d MB, live after GC max %4d MB,"
                + " %3d GCs  (load %s)  %s%n", what, millis, ROWS * 1000.0 / millis, heap[0], heap[1], heap[2], load,
                answer);
    }

    private static String upload(HttpClient http, DistributionServer s, Path body, boolean gzip, String what)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                        + "/api/v1/candles/bench/BTCUSDT/1m"))
                .header("Authorization", "Bearer " + DistributionServer.TOKEN).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofFile(body));
        if (gzip) {
            b.header("Content-Encoding", "gzip");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** {largest heap before a GC, largest after one, GCs} in MB, from the GC log after {@code offset}. */
    private static long[] heapDuring(Path gcLog, long offset) throws IOException {
        byte[] all = Files.readAllBytes(gcLog);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        tail.write(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset));
        Matcher m = GC.matcher(tail.toString());
        long before = 0;
        long after = 0;
        long count = 0;
        while (m.find()) {
            before = Math.max(before, Long.parseLong(m.group(1)));
            after = Math.max(after, Long.parseLong(m.group(2)));
            count++;
        }
        return new long[] {before, after, count};
    }

    static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** 1m candles of a random walk with 2-decimal prices and 3-decimal volumes, like BTCUSDT's. */
    static void writeWalk(Path file, int n) throws IOException {
        Random random = new Random(7);
        long price = 3_000_000; // cents
        long t = WALK_START_MILLIS;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("open_time_ms,open,high,low,close,volume");
            out.newLine();
            for (int i = 0; i < n; i++, t += 60_000) {
                long open = price;
                price = Math.max(100, price + random.nextInt(2001) - 1000);
                long high = Math.max(open, price) + random.nextInt(500);
                long low = Math.max(1, Math.min(open, price) - random.nextInt(500));
                out.write(t + "," + cents(open) + "," + cents(high) + "," + cents(low) + "," + cents(price) + ","
                        + BigDecimal.valueOf(random.nextInt(100_000), 3).toPlainString());
                out.newLine();
            }
        }
    }

    private static String cents(long c) {
        return BigDecimal.valueOf(c, 2).toPlainString();
    }
}
