package io.botfleet.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scale figures of the whole pipeline, measured on the real distribution driven over HTTP only:
 * <ol>
 *   <li>{@code one}: replay throughput of one bot (SMA 10/30 over UNITTEST_BTC-1m.csv, every
 *       candle journaled in H2 before the next one is delivered);</li>
 *   <li>{@code thousand}: 1,000 bots sharing one replay of the file's first 2,000 candles;</li>
 *   <li>{@code idle}: heap per idle bot with 10,000 bots RUNNING (after a full GC, against the
 *       empty fleet), and the graceful shutdown time with them;</li>
 *   <li>{@code recover}: 1,000 bots running, SIGKILL, restart on the same home: the time from the
 *       new process's start to every bot RUNNING again.</li>
 * </ol>
 * From the project root after {@code mvn -q install -DskipTests}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.FleetScaleDriver
 * distribution/target/botfleet [one|thousand|idle|recover ...]}. Prints one line per figure.
 */
public final class FleetScaleDriver {

    private static final int FILE_CANDLES = 13_681;
    /** No candle processed for this long: the replay is over for the bots that got it. */
    private static final long STALL_NANOS = 15_000_000_000L;

    private FleetScaleDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "distribution/target/botfleet").toAbsolutePath();
        List<String> parts = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("one", "thousand", "idle");
        Path data = DistributionServer.locateData("UNITTEST_BTC-1m.csv");
        if (parts.contains("one")) {
            one(dist, data);
        }
        if (parts.contains("thousand")) {
            thousand(dist, data);
        }
        if (parts.contains("idle")) {
            idle(dist);
        }
        if (parts.contains("recover")) {
            recover(dist);
        }
    }

    /** 1,000 bots running, SIGKILL, restart: time from the new process's start to all RUNNING. */
    private static void recover(Path dist) throws Exception {
        Map<String, String> account = Map.of("io.botfleet.exchange.paper-calm.cfg",
                "synthetic.symbol=BTCUSDT\nsynthetic.speed=60\nbalance.USDT=100000000\n");
        DistributionServer before = new DistributionServer(dist, account, "-Xmx1g");
        before.awaitReady("calm");
        before.createBots("r", 1_000, "calm", "BTCUSDT", "1.0.0", true);
        while (before.running() < 1_000) {
            Thread.sleep(100);
        }
        Thread.sleep(3_000); // candles, checkpoints and orders in flight
        before.kill();
        long t0 = System.nanoTime();
        try (DistributionServer after = new DistributionServer(dist, before.home(), Map.of(), "-Xmx1g")) {
            after.awaitReady("calm");
            double ready = (System.nanoTime() - t0) / 1e9;
            while (after.running() < 1_000) {
                Thread.sleep(50);
            }
            System.out.printf("after SIGKILL with 1,000 bots: ready in %.2f s, all 1,000 RUNNING %.2f s after the process start%n",
                    ready, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static String replay(Path file) {
        return "replay.file=" + file + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=0\n"
                + "feeBps=0\nslippageBps=0\nbalance.BTC=100000000\n";
    }

    private static void one(Path dist, Path data) throws Exception {
        try (DistributionServer s = new DistributionServer(dist, Map.of("io.botfleet.exchange.paper-file.cfg", replay(data)), "-Xmx1g")) {
            s.awaitReady("file");
            long t0 = System.nanoTime();
            s.createBots("one", 1, "file", "UNITTESTBTC", "1.0.0", true);
            while (s.candleTotals()[0] < FILE_CANDLES) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("one bot, whole pipeline: %,d candles in %.2f s = %,.0f candles/s%n",
                    FILE_CANDLES, seconds, FILE_CANDLES / seconds);
        }
    }

    private static void thousand(Path dist, Path data) throws Exception {
        Path shortFile = Files.createTempFile("candles-2000", ".csv");
        try (Stream<String> lines = Files.lines(data)) {
            Files.write(shortFile, lines.limit(2_001).toList());
        }
        try (DistributionServer s = new DistributionServer(dist, Map.of("io.botfleet.exchange.paper-file.cfg", replay(shortFile)), "-Xmx2g")) {
            s.awaitReady("file");
            // the replay starts with its first subscriber: create all bots stopped, then start them
            s.createBots("k", 1_000, "file", "UNITTESTBTC", "1.0.0", false);
            long t0 = System.nanoTime();
            s.forEachBot("k", 1_000, id -> s.post("/api/v1/bots/" + id + "/start", "", 200));
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            // A bot started after the replay moved on does not get the candles before it joined,
            // so on a loaded machine the total may never reach 2,000,000: stop once it stands still.
            long total = 0;
            long lastProgress = System.nanoTime();
            while (total < 2_000L * 1_000 && System.nanoTime() - lastProgress < STALL_NANOS) {
                long now = s.candleTotals()[0];
                if (now > total) {
                    total = now;
                    lastProgress = System.nanoTime();
                }
                Thread.sleep(50);
            }
            double seconds = (lastProgress - t0) / 1e9;
            System.out.printf("1,000 bots sharing one replay: %,d bot-candles in %.2f s = %,.0f candles/s"
                            + " (starting the 1,000 bots took %.2f s; %,d bot-candles missed by bots that joined late)%n",
                    total, seconds, total / seconds, startSeconds, 2_000_000 - total);
        } finally {
            Files.deleteIfExists(shortFile);
        }
    }

    private static void idle(Path dist) throws Exception {
        DistributionServer s = new DistributionServer(dist, Map.of("io.botfleet.exchange.paper-idle.cfg",
                "synthetic.symbol=BTCUSDT\nsynthetic.speed=0.0001\nbalance.USDT=1000000\n"), "-Xmx2g");
        s.awaitReady("idle");
        long before = s.heapAfterGc();
        long t0 = System.nanoTime();
        s.createBots("idle", 10_000, "idle", "BTCUSDT", "1.0.0", true);
        while (s.running() < 10_000) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long after = s.heapAfterGc();
        System.out.printf("10,000 idle bots: created and RUNNING in %.1f s; heap %,d -> %,d KiB = %,.1f KiB per bot%n",
                seconds, before / 1024, after / 1024, (after - before) / 1024.0 / 10_000);
        long stop0 = System.nanoTime();
        int exit = s.stop();
        System.out.printf("graceful shutdown with 10,000 bots: %.2f s, exit status %d%n", (System.nanoTime() - stop0) / 1e9, exit);
    }
}
