package io.botfleet.exchange.paper;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A backtest the way the runtime runs one: a bot with its own serial mailbox consumes each
 * candle, places a market order on a 10/30 SMA crossover (completing the candle's stage as soon
 * as the order is sent, without waiting for its ack) and learns its position from the fills
 * the order listener reports. The fills must be exactly the crossovers a plain loop finds:
 * same count, same candles, same prices. This is what makes a speed-0 replay deterministic.
 */
public class BacktestThroughTheAdapterTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void unittestBtcFillsAreTheCrossovers() throws Exception {
        backtest("UNITTEST_BTC-1m.csv", "UNITBTC");
    }

    @Test
    public void ethBtcFillsAreTheCrossovers() throws Exception {
        backtest("ETH_BTC-1m.csv", "ETHBTC");
    }

    private void backtest(String file, String symbol) throws Exception {
        Path data = ReplayTest.locate(file);
        List<String> lines = Files.readAllLines(data);
        List<BigDecimal> closes = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            times.add(Instant.ofEpochMilli(Long.parseLong(f[0])));
            closes.add(new BigDecimal(f[4]));
        }
        List<String> expected = crossovers(closes, times, 10, 30);

        Map<String, Object> config = new HashMap<>();
        config.put("account", "backtest");
        config.put("balance.BTC", "1000000");
        config.put("replay.file", data.toString());
        config.put("replay.symbol", symbol);
        ExecutorService mailbox = Executors.newSingleThreadExecutor();
        try (PaperExchange paper = new PaperExchange(config, temp.getRoot().toPath())) {
            Bot bot = new Bot(paper, mailbox, symbol, closes.size());
            paper.subscribeOrders(bot);
            paper.subscribeCandles(symbol, Interval.M1, null, bot);
            assertTrue(bot.done.await(60, TimeUnit.SECONDS));
            List<Execution> fills = Fixture.await(paper.executions(symbol, Instant.EPOCH));
            List<String> actual = fills.stream().map(e -> e.side() + " " + e.time() + " "
                    + e.price().toPlainString()).toList();
            assertEquals(expected.size(), actual.size());
            assertEquals(expected, actual);
        } finally {
            mailbox.shutdownNow();
        }
    }

    /** The plain loop: both sums from scratch on every bar, exact decimals, long-only. */
    private static List<String> crossovers(List<BigDecimal> closes, List<Instant> times,
                                           int fast, int slow) {
        List<String> fills = new ArrayList<>();
        boolean inPosition = false;
        for (int i = slow; i < closes.size(); i++) {
            int previous = relation(closes, i - 1, fast, slow);
            int current = relation(closes, i, fast, slow);
            if (!inPosition && previous <= 0 && current > 0) {
                inPosition = true;
                fills.add("BUY " + times.get(i).plusSeconds(60) + " " + closes.get(i).toPlainString());
            } else if (inPosition && previous >= 0 && current < 0) {
                inPosition = false;
                fills.add("SELL " + times.get(i).plusSeconds(60) + " " + closes.get(i).toPlainString());
            }
        }
        return fills;
    }

    private static int relation(List<BigDecimal> closes, int i, int fast, int slow) {
        BigDecimal sumFast = BigDecimal.ZERO;
        BigDecimal sumSlow = BigDecimal.ZERO;
        for (int j = i - slow + 1; j <= i; j++) {
            sumSlow = sumSlow.add(closes.get(j));
            if (j > i - fast) {
                sumFast = sumFast.add(closes.get(j));
            }
        }
        return sumFast.multiply(BigDecimal.valueOf(slow))
                .compareTo(sumSlow.multiply(BigDecimal.valueOf(fast)));
    }

    /** A minimal bot: one mailbox thread; candles and fills are messages in it. */
    private static final class Bot implements io.botfleet.api.exchange.CandleListener,
            OrderUpdateListener {
        final CountDownLatch done = new CountDownLatch(1);
        private final PaperExchange paper;
        private final ExecutorService mailbox;
        private final String symbol;
        private final int total;
        private final ArrayDeque<BigDecimal> window = new ArrayDeque<>();
        private BigDecimal position = BigDecimal.ZERO;
        private Integer previous;
        private int seen;
        private int orders;

        Bot(PaperExchange paper, ExecutorService mailbox, String symbol, int total) {
            this.paper = paper;
            this.mailbox = mailbox;
            this.symbol = symbol;
            this.total = total;
        }

        @Override
        public CompletableFuture<Void> onCandle(Candle candle, boolean catchUp) {
            CompletableFuture<Void> consumed = new CompletableFuture<>();
            mailbox.execute(() -> {
                handle(candle);
                consumed.complete(null);
            });
            return consumed;
        }

        private void handle(Candle candle) {
            window.addLast(candle.close());
            if (window.size() > 30) {
                window.removeFirst();
            }
            if (window.size() == 30) {
                int current = relationOf(window);
                if (previous != null) {
                    if (position.signum() == 0 && previous <= 0 && current > 0) {
                        place(OrderSide.BUY);
                    } else if (position.signum() > 0 && previous >= 0 && current < 0) {
                        place(OrderSide.SELL);
                    }
                }
                previous = current;
            }
            if (++seen == total) {
                // the last candle's order (if any) is in the adapter's queue ahead of this
                paper.balances().thenRun(done::countDown);
            }
        }

        private void place(OrderSide side) {
            paper.place(new OrderRequest("o" + ++orders, symbol, side, OrderType.MARKET,
                    BigDecimal.ONE, null, false));
        }

        private static int relationOf(ArrayDeque<BigDecimal> window) {
            List<BigDecimal> list = new ArrayList<>(window);
            BigDecimal slow = BigDecimal.ZERO;
            BigDecimal fast = BigDecimal.ZERO;
            for (int j = 0; j < list.size(); j++) {
                slow = slow.add(list.get(j));
                if (j >= 20) {
                    fast = fast.add(list.get(j));
                }
            }
            return fast.multiply(BigDecimal.valueOf(30)).compareTo(slow.multiply(BigDecimal.TEN));
        }

        @Override
        public void onExecution(Execution execution) {
            mailbox.execute(() -> position = position.add(
                    execution.qty().multiply(BigDecimal.valueOf(execution.side().sign()))));
        }

        @Override
        public void onOrderUpdate(ExchangeOrder order) {
        }
    }
}
