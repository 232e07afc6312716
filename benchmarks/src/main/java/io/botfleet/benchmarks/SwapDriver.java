package io.botfleet.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Live swap figures on the real distribution: the pause a bot sees during a swap (from the swap
 * request entering its mailbox to the first candle processed by the new version, measured inside
 * the bot and read from the {@code botfleet_swap_pause_seconds} histogram of /metrics) over 1,000
 * swaps of a bot fed by a fast market, with the HTTP round trip of each swap call beside it; and
 * the time to swap 1,000 bots from one version to another.
 * {@code java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.SwapDriver distribution/target/botfleet}
 */
public final class SwapDriver {

    private SwapDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "distribution/target/botfleet").toAbsolutePath();
        byte[] v110 = reversionedSma(dist, "1.1.0");
        try (DistributionServer s = new DistributionServer(dist, Map.of("io.botfleet.exchange.paper-fast.cfg",
                "synthetic.symbol=BTCUSDT\nsynthetic.speed=60000\nsynthetic.volatility=0.002\nbalance.USDT=100000000\n"),
                "-Xmx2g")) {
            s.awaitReady("fast");
            s.postJar(v110, 201);
            s.createBots("one", 1, "fast", "BTCUSDT", "1.0.0", true);
            while (s.running() < 1) {
                Thread.sleep(20);
            }
            long[] http = new long[1_000];
            for (int i = 0; i < http.length; i++) {
                long t0 = System.nanoTime();
                s.post("/api/v1/bots/one-0/strategy", "{\"version\":\"" + (i % 2 == 0 ? "1.1.0" : "1.0.0") + "\"}", 200);
                http[i] = System.nanoTime() - t0;
            }
            Thread.sleep(500);
            Arrays.sort(http);
            System.out.printf("1,000 swaps of one bot under a fast market: HTTP swap call p50 %.2f ms, p99 %.2f ms%n",
                    http[499] / 1e6, http[989] / 1e6);
            System.out.println("swap pause seen by the bot (request in mailbox -> first candle on the new version): "
                    + pauseQuantiles(s.get("/metrics").body()));

        }
        // 1,000 bots on a calm market (one candle a second each): the fleet-wide swap in one call
        try (DistributionServer s = new DistributionServer(dist, Map.of("io.botfleet.exchange.paper-calm.cfg",
                "synthetic.symbol=BTCUSDT\nsynthetic.speed=60\nbalance.USDT=100000000\n"), "-Xmx2g")) {
            s.awaitReady("calm");
            s.postJar(v110, 201);
            s.createBots("k", 1_000, "calm", "BTCUSDT", "1.0.0", true);
            while (s.running() < 1_000) {
                Thread.sleep(50);
            }
            long t0 = System.nanoTime();
            String answer = s.post("/api/v1/strategies/sma-crossover/swap", "{\"from\":\"1.0.0\",\"version\":\"1.1.0\"}", 200);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long ok = answer.split("\"outcome\":\"OK\"", -1).length - 1;
            System.out.printf("1,000 bots swapped 1.0.0 -> 1.1.0 by one call in %.2f s (%d OK)%n", seconds, ok);
        }
    }

    /** p50 and p99 as the upper bounds of the histogram buckets that hold them. */
    static String pauseQuantiles(String metrics) {
        MetricHistogram pauses = MetricHistogram.scrape(metrics, "botfleet_swap_pause_seconds");
        return String.format("%,d pauses, p50 <= %s ms, p99 <= %s ms", pauses.count(), millis(pauses.upperBound(0.5)),
                millis(pauses.upperBound(0.99)));
    }

    private static String millis(double seconds) {
        return Double.isInfinite(seconds) ? "inf" : String.format("%.3f", seconds * 1000);
    }

    /** The shipped SMA bundle released again under another version. */
    private static byte[] reversionedSma(Path dist, String version) throws Exception {
        Path jar = null;
        try (DirectoryStream<Path> bundles = Files.newDirectoryStream(dist.resolve("bundle"), "strategy-sma-bundle-*.jar")) {
            for (Path p : bundles) {
                jar = p;
            }
        }
        try (InputStream raw = Files.newInputStream(jar); JarInputStream in = new JarInputStream(raw)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(copy);
                    copy.closeEntry();
                }
            }
            return out.toByteArray();
        }
    }
}
