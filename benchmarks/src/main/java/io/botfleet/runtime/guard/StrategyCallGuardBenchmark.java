package io.botfleet.runtime.guard;

import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the guard adds to every strategy call: {@code guarded} is a tiny call inside enter/exit,
 * {@code bare} the same call alone, measured in one run so the difference is the guard's cost.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar StrategyCallGuardBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StrategyCallGuardBenchmark {

    private ScheduledExecutorService timer;
    private ThreadPoolExecutor pool;
    private StrategyCallGuard guard;
    private final StrategyCallGuard.Owner owner = what -> { };
    private long value = 17;

    @Setup
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor();
        pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        guard = new StrategyCallGuard(new StrategyCallGuard.Limits(2000, 256L << 20, 1000),
                new PoolCompensation(pool, 4), timer);
    }

    @TearDown
    public void stop() {
        guard.close();
        timer.shutdownNow();
        pool.shutdownNow();
    }

    private long work() {
        value = value * 6364136223846793005L + 1442695040888963407L;
        return value;
    }

    @Benchmark
    public void bare(Blackhole sink) {
        sink.consume(work());
    }

    @Benchmark
    public void guarded(Blackhole sink) {
        StrategyCallGuard.Slot slot = guard.enter(owner, "onCandle");
        try {
            sink.consume(work());
        } finally {
            guard.exit(slot);
        }
    }
}
