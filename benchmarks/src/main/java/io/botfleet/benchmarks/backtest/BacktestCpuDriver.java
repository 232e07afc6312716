package io.botfleet.benchmarks.backtest;

import com.sun.management.ThreadMXBean;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.backtest.engine.BacktestEngine;
import io.botfleet.strategy.sma.SmaCrossover;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;
import org.ta4j.core.BarSeries;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.DoubleNum;

/**
 * {@link BacktestEngineBenchmark}'s three runs by this thread's CPU time as well as the wall
 * clock, and the bytes each allocates: on a machine shared with other work the wall time mostly
 * measures the wait for a core, the CPU time what the run itself costs. The three take turns, so
 * load that comes and goes falls on all of them; medians of {@code rounds} after {@code warmup}.
 *
 * <pre>java -Xmx6g -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.backtest.BacktestCpuDriver [candles] [rounds] [warmup]</pre>
 */
public final class BacktestCpuDriver {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private BacktestCpuDriver() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        CandleSeries series = SyntheticWalk.series(n, 42);
        BarSeries doubles = Ta4jSma.bars(series, DoubleNum.class);
        BarSeries decimals = Ta4jSma.bars(series, DecimalNum.class);
        String[] names = {"engine (exact)", "ta4j DoubleNum", "ta4j DecimalNum"};
        Supplier<?>[] runs = {
            () -> new BacktestEngine().run(new SmaCrossover(), series, BacktestEngineBenchmark.SETUP),
            () -> Ta4jSma.run(doubles, 10, 30),
            () -> Ta4jSma.run(decimals, 10, 30)};
        long[][] cpu = new long[runs.length][rounds];
        long[][] wall = new long[runs.length][rounds];
        long[][] bytes = new long[runs.length][rounds];
        long id = Thread.currentThread().getId();
        for (int r = -warmup; r < rounds; r++) {
            for (int k = 0; k < runs.length; k++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long a0 = THREADS.getThreadAllocatedBytes(id);
                long w0 = System.nanoTime();
                if (runs[k].get() == null) {
                    throw new IllegalStateException("no result");
                }
                long w1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                long a1 = THREADS.getThreadAllocatedBytes(id);
                if (r >= 0) {
                    cpu[k][r] = c1 - c0;
                    wall[k][r] = w1 - w0;
                    bytes[k][r] = a1 - a0;
                }
            }
        }
        System.out.printf("candles %d, %d rounds after %d warm-up, load average %.2f%n", n, rounds, warmup,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long engineCpu = median(cpu[0]);
        for (int k = 0; k < runs.length; k++) {
            long c = median(cpu[k]);
            long w = median(wall[k]);
            System.out.printf("%-16s cpu %8.1f ms (%6.2f M candles/s)  wall %8.1f ms (%6.2f M candles/s)  "
                            + "%6.0f B/candle  cpu x engine %.1f%n", names[k], c / 1e6, n / (c / 1e9) / 1e6, w / 1e6,
                    n / (w / 1e9) / 1e6, (double) median(bytes[k]) / n, (double) c / engineCpu);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
