package io.botfleet.benchmarks.backtest;

import io.botfleet.api.bot.RiskLimits;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.backtest.engine.BacktestEngine;
import io.botfleet.backtest.engine.BacktestResult;
import io.botfleet.backtest.engine.BacktestSetup;
import io.botfleet.strategy.sma.SmaCrossover;
import java.math.BigDecimal;
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
import org.ta4j.core.BarSeries;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.DoubleNum;

/**
 * One backtest run of SMA 10/30 over {@code candles} synthetic 1m candles ({@link SyntheticWalk}),
 * one thread: the engine (the live pipeline and the paper fill model, exact), and ta4j 0.17 on
 * the same candles with {@code DoubleNum} and with {@code DecimalNum}. One operation is the whole
 * run; candles/s = candles / the time of one. Loading is not timed (the engine's series and
 * ta4j's bars are built in the setup). {@link Ta4jTradeComparison} compares the trade lists.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BacktestEngineBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class BacktestEngineBenchmark {

    static final BacktestSetup SETUP = new BacktestSetup(SyntheticWalk.SYMBOL, Map.of("fast", 10, "slow", 30),
            RiskLimits.ofOrderQty(new BigDecimal("0.01")), Map.of("USDT", new BigDecimal("100000")),
            new BigDecimal("7.5"), new BigDecimal("1"));

    @Param({"1000000"})
    public int candles;

    private CandleSeries series;
    private BarSeries doubleBars;
    private BarSeries decimalBars;

    @Setup
    public void setUp() {
        series = SyntheticWalk.series(candles, 42);
        doubleBars = Ta4jSma.bars(series, DoubleNum.class);
        decimalBars = Ta4jSma.bars(series, DecimalNum.class);
    }

    @Benchmark
    public BacktestResult engine() {
        return new BacktestEngine().run(new SmaCrossover(), series, SETUP);
    }

    @Benchmark
    public TradingRecord ta4jDoubleNum() {
        return Ta4jSma.run(doubleBars, 10, 30);
    }

    @Benchmark
    public TradingRecord ta4jDecimalNum() {
        return Ta4jSma.run(decimalBars, 10, 30);
    }
}
