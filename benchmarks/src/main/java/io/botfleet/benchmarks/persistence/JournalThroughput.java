package io.botfleet.benchmarks.persistence;

import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.Position;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.db.DatabaseSettings;
import io.botfleet.persistence.owner.OwnerRecord;
import io.botfleet.persistence.journal.JournalStats;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Durable write throughput of the bot journal on the embedded H2 file database (WRITE_DELAY=0:
 * every commit is in the file before its stage completes; see persistence-bundle/README.md).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.persistence.JournalThroughput [seconds] [runs] [jdbcUrl|h2] [only]
 * </pre>
 *
 * {@code only} runs just the scenarios whose name contains it, e.g. {@code "8 threads"}.
 *
 * Prints, for each scenario, the writes per second of every run and their median:
 * <ul>
 *   <li>order intents, 1 and 8 writer threads, each thread waiting for each write to be durable
 *       before the next (the latency-bound case: one bot that never pipelines);</li>
 *   <li>order intents, 1 and 8 writer threads, each thread driving 100 bots with up to 64 writes
 *       in flight (how a fleet uses it: bots do not block on the journal);</li>
 *   <li>snapshot writes for 1,000 bots: progress (candle commits without orders) and strategy
 *       checkpoints (a snapshot of two 30-value indicator windows), 8 threads.</li>
 * </ul>
 * Every order intent is one {@code commitCandle} with one PENDING_SEND order and the bot's
 * progress, through the group commit.
 */
public final class JournalThroughput {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final int seconds;
    private final String jdbcUrl;
    private final String only;

    private JournalThroughput(int seconds, String jdbcUrl, String only) {
        this.seconds = seconds;
        this.jdbcUrl = jdbcUrl;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String url = args.length > 2 && !args[2].equals("h2") ? args[2] : null;
        String only = args.length > 3 ? args[3] : "";
        JournalThroughput bench = new JournalThroughput(seconds, url, only);
        System.out.printf("journal throughput: %d s per run, %d runs, %s, %d cores%n", seconds, runs,
                url == null ? "H2 file database in a temp folder (WRITE_DELAY=0)" : url.replaceAll("password=[^&]*", "password=***"),
                Runtime.getRuntime().availableProcessors());
        bench.report("order intents, 1 thread, waiting for each", runs, s -> s.intents(1, 1, 1));
        bench.report("order intents, 8 threads, waiting for each", runs, s -> s.intents(8, 1, 1));
        bench.report("order intents, 1 thread, 100 bots, 64 in flight", runs, s -> s.intents(1, 100, 64));
        bench.report("order intents, 8 threads, 100 bots each, 64 in flight", runs, s -> s.intents(8, 100, 64));
        bench.report("progress snapshots, 1000 bots, 8 threads", runs, s -> s.snapshots(false));
        bench.report("strategy checkpoints, 1000 bots, 8 threads", runs, s -> s.snapshots(true));
    }

    private void report(String name, int runs, Function<Scenario, Result> scenario) throws Exception {
        if (!name.contains(only)) {
            return;
        }
        List<Double> rates = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String batch = "";
        for (int run = 0; run < runs; run++) {
            Path folder = Files.createTempDirectory("botfleet-bench");
            String url = jdbcUrl != null ? jdbcUrl : "jdbc:h2:file:" + folder.resolve("botfleet");
            try (JdbcStores stores = open(url)) {
                Result result = scenario.apply(new Scenario(stores, seconds));
                rates.add(result.perSecond);
                line.append(String.format("%,10.0f", result.perSecond));
                batch = String.format("mean batch %.1f writes/commit", result.meanBatch);
            } finally {
                deleteTree(folder);
            }
        }
        rates.sort(Comparator.naturalOrder());
        System.out.printf("%-56s median %,9.0f writes/s   runs:%s   (%s)%n", name, rates.get(rates.size() / 2),
                line, batch);
    }

    /**
     * As a tool ({@code JdbcStores.open}), or with {@code -Dbotfleet.bench.owner=true} as the
     * server opens it: owning the database, whose commits on PostgreSQL then each check the lock.
     */
    private static JdbcStores open(String url) {
        return Boolean.getBoolean("botfleet.bench.owner")
                ? JdbcStores.openAsOwner(new DatabaseSettings(url, "", "", 10, 1), OwnerRecord.thisProcess())
                : JdbcStores.open(url, "", "", 10);
    }

    private record Result(double perSecond, double meanBatch) {
    }

    /** One measurement on one fresh database. */
    private static final class Scenario {

        private final JdbcStores stores;
        private final int seconds;
        /** Prefix of bot and order ids: a database given by URL is shared by every run. */
        private final String run = Long.toString(System.nanoTime(), 36);

        Scenario(JdbcStores stores, int seconds) {
            this.stores = stores;
            this.seconds = seconds;
        }

        Result intents(int threads, int botsPerThread, int inFlight) {
            return run(threads, (thread, i) -> {
                String bot = run + "-" + thread + "-" + (i % botsPerThread);
                long seq = i / botsPerThread + 1;
                BotOrder intent = new BotOrder(bot, run + "-" + thread + "-" + i, null, "BTCUSDT", OrderSide.BUY,
                        OrderType.MARKET, new BigDecimal("0.01"), null, OrderStatus.PENDING_SEND, BigDecimal.ZERO,
                        null, T0, T0, "bench");
                return stores.journal().commitCandle(progress(bot, seq), List.of(intent));
            }, inFlight);
        }

        Result snapshots(boolean checkpoints) {
            int bots = 1000;
            int threads = 8;
            Map<String, Object> snapshot = new LinkedHashMap<>();
            List<Double> fast = new ArrayList<>();
            List<Double> slow = new ArrayList<>();
            for (int k = 0; k < 30; k++) {
                fast.add(42000 + k * 1.25);
                slow.add(41000 + k * 2.5);
            }
            snapshot.put("fast", fast);
            snapshot.put("slow", slow);
            snapshot.put("lastSignal", "ENTER_LONG");
            return run(threads, (thread, i) -> {
                int botIndex = (int) ((i * threads + thread) % bots);
                String bot = run + "-" + botIndex;
                long seq = i * threads / bots + 1;
                if (checkpoints) {
                    return stores.journal().checkpoint(new StrategyCheckpoint(bot, "sma-crossover", "1.0.0",
                            T0.plusSeconds(60 * seq), snapshot, T0.plusSeconds(60 * seq)));
                }
                return stores.journal().commitCandle(progress(bot, seq), List.of());
            }, 1000 / threads);
        }

        private interface Write {
            CompletionStage<?> submit(int thread, long i);
        }

        /** Each thread submits writes, at most {@code inFlight} unfinished; counts completions. */
        private Result run(int threads, Write write, int inFlight) {
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            AtomicBoolean failed = new AtomicBoolean(false);
            LongAdder done = new LongAdder();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Semaphore window = new Semaphore(inFlight);
                Thread worker = new Thread(() -> {
                    for (long i = 0; !stop.get(); i++) {
                        window.acquireUninterruptibly();
                        write.submit(thread, i).whenComplete((ok, failure) -> {
                            window.release();
                            if (failure != null) {
                                if (!failed.getAndSet(true)) {
                                    System.out.println("  write failed, scenario stopped: " + failure);
                                }
                                stop.set(true);
                            } else if (measuring.get()) {
                                done.increment();
                            }
                        });
                    }
                    window.acquireUninterruptibly(inFlight);
                }, "bench-" + t);
                worker.start();
                workers.add(worker);
            }
            sleep(TimeUnit.SECONDS.toMillis(2)); // warm-up: JIT, pool, first pages
            JournalStats before = stores.journal().stats();
            measuring.set(true);
            long start = System.nanoTime();
            sleep(TimeUnit.SECONDS.toMillis(seconds));
            measuring.set(false);
            long elapsed = System.nanoTime() - start;
            JournalStats after = stores.journal().stats();
            stop.set(true);
            for (Thread worker : workers) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            double commits = after.commits() - before.commits();
            double writes = after.writes() - before.writes();
            return new Result(done.sum() / (elapsed / 1e9), commits == 0 ? 0 : writes / commits);
        }
    }

    private static BotProgress progress(String bot, long candles) {
        return new BotProgress(bot, T0.plusSeconds(60 * candles), new BotCounters(candles, candles, candles, 0, 0, 0),
                new Position(new BigDecimal("0.01"), new BigDecimal("42000.5"), BigDecimal.ZERO, BigDecimal.ZERO),
                candles + 1, Map.of("day", "2026-01-01", "realizedPnl", "0"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
