package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.api.pipeline.CandleDecision;
import io.botfleet.api.pipeline.CandlePipeline;
import io.botfleet.api.pipeline.CandleTerms;
import io.botfleet.api.pipeline.PositionLedger;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.store.BotProgress;
import io.botfleet.runtime.order.ClientOrderIdFactory;
import io.botfleet.strategy.sma.SmaCrossover;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import io.botfleet.runtime.guard.PoolCompensation;
import io.botfleet.runtime.guard.StrategyCallGuard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The strategy-and-risk path of one bot, without I/O: every candle of UNITTEST_BTC-1m.csv through
 * the SMA 10/30 strategy, protective exits, the risk gate, order-intent creation and position
 * accounting (each order filled at once at the close). Reported per candle, so the score is
 * candles per second. Goal: &ge; 1,000,000 candles/s.
 *
 * <p>Run from the project root: {@code java -jar benchmarks/target/benchmarks.jar CandlePath}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CandlePathBenchmark {

    static final int CANDLES = 13_681;

    private List<Candle> candles;
    private BotConfig config;
    private Instrument instrument;
    private StrategyCalls calls;
    private ClientOrderIdFactory ids;
    private StrategyCallGuard guard;
    private ScheduledExecutorService timer;
    private ThreadPoolExecutor pool;

    @Setup
    public void load() throws IOException {
        Path file = locate("UNITTEST_BTC-1m.csv");
        candles = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            candles.add(new Candle("UNITTESTBTC", Interval.M1, Instant.ofEpochMilli(Long.parseLong(c[0])),
                    new BigDecimal(c[1]), new BigDecimal(c[2]), new BigDecimal(c[3]), new BigDecimal(c[4]),
                    new BigDecimal(c[5]), true));
        }
        if (candles.size() != CANDLES) {
            throw new IllegalStateException("expected " + CANDLES + " candles, read " + candles.size());
        }
        config = new BotConfig("bench", new StrategySpec("sma-crossover", "1.0.0", Map.of("fast", 10, "slow", 30)),
                new ExchangeRef("paper", "bench"), "UNITTESTBTC", Interval.M1,
                new RiskLimits(BigDecimal.ONE, new BigDecimal("5"), new BigDecimal("1000"), new BigDecimal("2"),
                        new BigDecimal("4"), new BigDecimal("100")), true);
        instrument = new Instrument("UNITTESTBTC", "UNITTEST", "BTC", new BigDecimal("0.00000001"),
                new BigDecimal("0.00000001"), BigDecimal.ZERO, BigDecimal.ZERO);
        timer = Executors.newSingleThreadScheduledExecutor();
        pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>());
        // The real guard, as bots run it: its per-call cost is part of the path measured.
        guard = new StrategyCallGuard(new StrategyCallGuard.Limits(2000, 256L << 20, 1000),
                new PoolCompensation(pool, 4), timer);
        calls = new StrategyCalls(guard, what -> { });
        ids = new ClientOrderIdFactory("bench");
    }

    @TearDown
    public void close() {
        guard.close();
        timer.shutdownNow();
        pool.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(CANDLES)
    public TradingBook replayFile() {
        SmaCrossover strategy = new SmaCrossover();
        strategy.configure(config.strategy().params());
        CandlePipeline pipeline = new CandlePipeline("bench", "UNITTESTBTC", calls, seq -> ids.id(1, seq));
        TradingBook state = new TradingBook(BotProgress.initial("bench"));
        OrderTracker orders = new OrderTracker();
        Instant now = Instant.EPOCH;
        for (Candle candle : candles) {
            CandleDecision out = pipeline.decide(candle, new CandleTerms(config, instrument, null, false, now), strategy,
                    state, orders);
            for (BotOrder intent : out.intents()) {
                orders.put(intent); // as the bot does before journaling it
                state.fill(PositionLedger.apply(state.position(), intent.side(), intent.qty(), candle.close(),
                        BigDecimal.ZERO, "BTC", "UNITTEST", candle.close()));
                orders.put(intent.with(OrderStatus.FILLED, "x", intent.qty(), candle.close(), null, now));
            }
        }
        return state;
    }

    static Path locate(String name) {
        return CandleFiles.path(name);
    }
}
