package io.botfleet.itests.runtime;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.botfleet.api.admin.FleetStatistics;
import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Interval;
import io.botfleet.api.store.BotJournal;
import io.botfleet.itests.BotfleetTestSupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The main job end to end in a real framework: an SMA 10/30 bot replays a real candle file
 * through DS, the paper exchange, the risk gate and the H2 journal, and its fills are exactly the
 * crossovers an independent loop finds in exact decimal arithmetic: same count, same candles,
 * same prices; each of those candles counts once in the candle-to-order latency.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReplayBacktestIT extends BotfleetTestSupport {

    private static final int FAST = 10;
    private static final int SLOW = 30;

    @Configuration
    public Option[] config() throws IOException {
        Path data = CandleData.locate();
        return options(baseOptions(),
                withoutEtcFile("bots/demo-sma.json"), // the only bot trading: the latency figures are fleet-wide
                systemProperty(CandleData.PROPERTY).value(data.toString()),
                etcFile("io.botfleet.exchange.paper-unittest.cfg", replay(data.resolve("UNITTEST_BTC-1m.csv"), "UNITTESTBTC")),
                etcFile("io.botfleet.exchange.paper-ethbtc.cfg", replay(data.resolve("ETH_BTC-1m.csv"), "ETHBTC")));
    }

    private static String replay(Path file, String symbol) {
        return "replay.file=" + file + "\nreplay.symbol=" + symbol + "\nreplay.interval=1m\nreplay.speed=0\n"
                + "feeBps=0\nslippageBps=0\nbalance.BTC=1000000\n";
    }

    /** One expected fill: the candle it happens at, the side, the price (that candle's close). */
    record Crossover(Instant candle, OrderSide side, BigDecimal price) {
    }

    @Test
    public void unittestBtcFillsAreExactlyTheCrossovers() throws Exception {
        replayAndCompare("bt-unittest", "unittest", "UNITTESTBTC", "UNITTEST_BTC-1m.csv");
    }

    @Test
    public void ethBtcFillsAreExactlyTheCrossovers() throws Exception {
        replayAndCompare("bt-ethbtc", "ethbtc", "ETHBTC", "ETH_BTC-1m.csv");
    }

    private void replayAndCompare(String botId, String account, String symbol, String file) throws Exception {
        BotManager bots = awaitService(BotManager.class, null, Duration.ofSeconds(30));
        BotJournal journal = awaitService(BotJournal.class, null, Duration.ofSeconds(30));
        List<CandleData.Row> rows = CandleData.rows(file);
        List<Crossover> expected = crossovers(rows);
        FleetStatistics stats = awaitService(FleetStatistics.class, null, Duration.ofSeconds(30));
        awaitAccount(bots, account);
        long timedBefore = stats.snapshot().candleToOrderCount();
        bots.create(new BotConfig(botId, new StrategySpec("sma-crossover", "1.0.0", Map.of("fast", FAST, "slow", SLOW)),
                new ExchangeRef("paper", account), symbol, Interval.M1, RiskLimits.ofOrderQty(BigDecimal.ONE), true), "test");

        await("bot " + botId + " processed every candle and fill", Duration.ofMinutes(3), () -> {
            BotStatus s = bots.get(botId);
            return s.counters().candles() == rows.size() && s.counters().fills() == expected.size();
        }, () -> bots.get(botId).toString());

        List<BotFill> fills = new ArrayList<>(journal.fills(botId, 1_000_000));
        Collections.reverse(fills);
        assertEquals("fill count", expected.size(), fills.size());
        for (int i = 0; i < expected.size(); i++) {
            Crossover want = expected.get(i);
            BotFill got = fills.get(i);
            String where = "fill " + i + " of " + expected.size() + ": " + got;
            assertEquals(where, want.side(), got.side());
            assertEquals(where, want.candle().plus(Duration.ofMinutes(1)), got.time());
            assertEquals(where, 0, want.price().compareTo(got.price()));
        }
        BotStatus done = bots.get(botId);
        assertEquals(expected.size(), done.counters().orders());
        assertEquals(0, done.counters().rejected());
        long timed = stats.snapshot().candleToOrderCount() - timedBefore;
        assertEquals("candles timed from arrival to their order", expected.size(), timed);
    }

    private void awaitAccount(BotManager bots, String account) throws InterruptedException {
        awaitService(io.botfleet.api.exchange.ExchangeAdapter.class, "(exchange.account=" + account + ")",
                Duration.ofSeconds(30));
    }

    /**
     * The independent loop: each average from its whole window (no running sum), compared by
     * cross-multiplication, so no rounding can move a crossover. Long-only, flat at start.
     */
    static List<Crossover> crossovers(List<CandleData.Row> rows) {
        List<Crossover> result = new ArrayList<>();
        boolean long_ = false;
        for (int i = SLOW; i < rows.size(); i++) {
            int previous = fastMinusSlowSign(rows, i - 1);
            int current = fastMinusSlowSign(rows, i);
            if (!long_ && previous <= 0 && current > 0) {
                result.add(new Crossover(rows.get(i).openTime(), OrderSide.BUY, rows.get(i).close()));
                long_ = true;
            } else if (long_ && previous >= 0 && current < 0) {
                result.add(new Crossover(rows.get(i).openTime(), OrderSide.SELL, rows.get(i).close()));
                long_ = false;
            }
        }
        return result;
    }

    private static int fastMinusSlowSign(List<CandleData.Row> rows, int i) {
        BigDecimal fastSum = windowSum(rows, i, FAST);
        BigDecimal slowSum = windowSum(rows, i, SLOW);
        return fastSum.multiply(BigDecimal.valueOf(SLOW)).compareTo(slowSum.multiply(BigDecimal.valueOf(FAST)));
    }

    private static BigDecimal windowSum(List<CandleData.Row> rows, int last, int length) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = last - length + 1; k <= last; k++) {
            sum = sum.add(rows.get(k).close());
        }
        return sum;
    }
}
