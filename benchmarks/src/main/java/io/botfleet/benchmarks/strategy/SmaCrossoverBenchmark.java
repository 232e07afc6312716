package io.botfleet.benchmarks.strategy;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.strategy.sma.SmaCrossover;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code SmaCrossover.onCandle} throughput: one operation is one closed candle, so the score is
 * candles per second for one strategy instance. The candles are the real ones of the test data
 * (the test-data module, inside this jar; {@code -Dbotfleet.data=<folder>} for other files),
 * replayed in a loop; a context fills every signal at once,
 * as the paper exchange does, so entries and exits alternate as in a backtest.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SmaCrossoverBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SmaCrossoverBenchmark {

    @Param({"UNITTEST_BTC-1m.csv"})
    public String file;

    @Param({"10/30"})
    public String lengths;

    private Candle[] candles;
    private SmaCrossover strategy;
    private FillingContext context;
    private int next;

    @Setup
    public void setUp() throws IOException {
        candles = read(locate(file)).toArray(new Candle[0]);
        String[] fastSlow = lengths.split("/");
        strategy = new SmaCrossover();
        strategy.configure(Map.of("fast", Integer.parseInt(fastSlow[0]),
                "slow", Integer.parseInt(fastSlow[1])));
        context = new FillingContext();
    }

    @Benchmark
    public int onCandle() {
        Candle candle = candles[next];
        next = next + 1 == candles.length ? 0 : next + 1;
        strategy.onCandle(candle, context);
        return context.signals;
    }

    /** Every signal fills at once: ENTER_LONG makes the position 1, EXIT_LONG 0. */
    static final class FillingContext implements StrategyContext {
        int signals;
        private BigDecimal position = BigDecimal.ZERO;

        @Override
        public String botId() {
            return "bench";
        }

        @Override
        public String symbol() {
            return "UNITBTC";
        }

        @Override
        public BigDecimal positionQty() {
            return position;
        }

        @Override
        public void emit(Signal signal) {
            signals++;
            position = signal.type() == SignalType.ENTER_LONG ? BigDecimal.ONE : BigDecimal.ZERO;
        }
    }

    static Path locate(String name) {
        String configured = System.getProperty("botfleet.data");
        return configured != null ? Path.of(configured, name) : CandleFiles.path(name);
    }

    static List<Candle> read(Path file) {
        return CandleCsv.read(file, "UNITBTC", Interval.M1);
    }
}
