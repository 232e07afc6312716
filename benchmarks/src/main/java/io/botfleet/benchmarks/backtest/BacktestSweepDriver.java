package io.botfleet.benchmarks.backtest;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestNotFoundException;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.DatasetRange;
import io.botfleet.api.backtest.StrategyInstances;
import io.botfleet.api.backtest.StrategySweep;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.backtest.dataset.CandleDatasets;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.backtest.service.BacktestRunner;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.strategy.sma.SmaCrossover;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep figure: 100 runs (fast 5..14 × slow 20..65 step 5) of the shipped SMA
 * crossover over 525,600 synthetic 1m candles (a year), through the backtest service as the server
 * runs it (the pool of {@code backtestThreads}, default cores − 1; every run's results stored in
 * H2), from submit to DONE. Prints the wall time, candles/s, the pool threads' CPU time (what the
 * runs cost, whatever else the machine is doing) and the load average before and after.
 *
 * <pre>java -cp benchmarks.jar io.botfleet.benchmarks.backtest.BacktestSweepDriver [candles] [threads]</pre>
 */
public final class BacktestSweepDriver {

    private BacktestSweepDriver() {
    }

    /** CPU time of the backtest pool's threads so far (they live on 30 s after their last run). */
    private static long poolCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("botfleet-backtest-")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    public static void main(String[] args) throws Exception {
        int candles = args.length > 0 ? Integer.parseInt(args[0]) : 525_600;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : BacktestRunner.defaultThreads();
        Path home = Files.createTempDirectory("botfleet-sweep-");
        CandleSeries series = SyntheticWalk.series(candles, 42);
        StringBuilder csv = new StringBuilder(CandleCsv.HEADER).append('\n');
        for (int i = 0; i < series.size(); i++) {
            var c = series.candle(i, SyntheticWalk.SYMBOL);
            csv.append(c.openTime().toEpochMilli()).append(',').append(c.open().toPlainString()).append(',')
                    .append(c.high().toPlainString()).append(',').append(c.low().toPlainString()).append(',')
                    .append(c.close().toPlainString()).append(',').append(c.volume().toPlainString()).append('\n');
        }
        CandleDatasets datasets = new CandleDatasets(home.resolve("candles"));
        datasets.importCsv(DatasetKey.of("bybit", SyntheticWalk.SYMBOL, "1m"),
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        csv = null;
        StrategyInstances sma = (id, version) -> {
            if (!id.equals("sma-crossover")) {
                throw new BacktestNotFoundException("strategy '" + id + "' is not installed");
            }
            Strategy instance = new SmaCrossover();
            return new StrategyInstances.Lease() {
                @Override
                public Strategy strategy() {
                    return instance;
                }

                @Override
                public void close() {
                }
            };
        };
        List<Object> fast = new ArrayList<>();
        List<Object> slow = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fast.add(5 + i);
            slow.add(20 + 5 * i);
        }
        Map<String, List<Object>> params = new LinkedHashMap<>();
        params.put("fast", fast);
        params.put("slow", slow);
        BacktestRequest request = new BacktestRequest(new StrategySweep("sma-crossover", List.of("1.0.0"), params),
                new DatasetRange("bybit", SyntheticWalk.SYMBOL, "1m", null, null),
                RiskLimits.ofOrderQty(new BigDecimal("0.01")), Map.of("USDT", new BigDecimal("100000")),
                new BigDecimal("7.5"), new BigDecimal("1"));
        try (JdbcStores stores = JdbcStores.open("jdbc:h2:file:" + home.resolve("db").resolve("botfleet"), "", "", 8);
             BacktestRunner runner = new BacktestRunner(stores.backtests(), sma, datasets, threads, Clock.systemUTC())) {
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            long start = System.nanoTime();
            Backtest b = runner.submit(request, "driver");
            while (!runner.get(b.id()).orElseThrow().state().finished()) {
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = poolCpuNanos() / 1e9;
            Backtest done = runner.get(b.id()).orElseThrow();
            long fills = done.runs().stream().mapToLong(r -> r.report().fills()).sum();
            System.out.printf("%s: %d runs x %,d candles on %d thread(s) (%d cores): %.1f s, %.2f M candles/s,"
                            + " %,d fills stored; the pool's threads' CPU time %.1f s%nload average before: %s%n"
                            + "load average after:  %s%n",
                    done.state(), done.runs().size(), candles, threads, Runtime.getRuntime().availableProcessors(),
                    seconds, done.progress().candles() / seconds / 1e6, fills, cpuSeconds, loadBefore,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }
}
