package io.botfleet.exchange.paper;

import static io.botfleet.exchange.paper.Fixture.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Interval;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The account's orders, fills and balances outlive the adapter, and a killed process. */
public class DurabilityTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** What reconciliation would compare: balances, executions, every order's state. */
    record AccountView(List<Balance> balances, List<Execution> executions,
                       List<Optional<ExchangeOrder>> orders, List<ExchangeOrder> open) {
        static AccountView of(PaperExchange paper) throws Exception {
            List<Optional<ExchangeOrder>> orders = new ArrayList<>();
            for (String id : List.of("m1", "l1", "l2", "r1", "m2")) {
                orders.add(await(paper.findByClientOrderId("BTCUSDT", id)));
            }
            return new AccountView(await(paper.balances()),
                    await(paper.executions("BTCUSDT", Instant.EPOCH)), orders,
                    await(paper.openOrders("BTCUSDT")));
        }
    }

    /** Trades on a fresh account: a market buy, a limit that fills, one that rests, a reject. */
    static void trade(PaperExchange paper) throws Exception {
        Steps steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, steps);
        Steps.Step zero = steps.next();
        await(paper.place(new OrderRequest("m1", "BTCUSDT", OrderSide.BUY, OrderType.MARKET,
                new BigDecimal("1.5"), null, false)));
        await(paper.place(new OrderRequest("l1", "BTCUSDT", OrderSide.SELL, OrderType.LIMIT,
                new BigDecimal("0.5"), new BigDecimal("105"), false)));
        await(paper.place(new OrderRequest("l2", "BTCUSDT", OrderSide.BUY, OrderType.LIMIT,
                new BigDecimal("1"), new BigDecimal("50"), false)));
        try {
            await(paper.place(new OrderRequest("r1", "BTCUSDT", OrderSide.BUY, OrderType.MARKET,
                    new BigDecimal("100"), null, false)));
        } catch (java.util.concurrent.ExecutionException expected) {
            // recorded as REJECTED
        }
        zero.done();
        Steps.Step one = steps.next();   // fills l1
        await(paper.place(new OrderRequest("m2", "BTCUSDT", OrderSide.SELL, OrderType.MARKET,
                new BigDecimal("0.25"), null, false)));
        one.done();
    }

    private Map<String, Object> config() throws Exception {
        Path file = Fixture.replayFile(temp.getRoot().toPath(), "100,101,99,100",
                "100,111,100,110", "110,121,109,120");
        Map<String, Object> config = Fixture.replayConfig(file);
        config.put("feeBps", "7.5");
        config.put("slippageBps", "3");
        return config;
    }

    @Test
    public void anAccountReopensAsItWas() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("data/paper/test");
        AccountView before;
        try (PaperExchange paper = new PaperExchange(config(), dir)) {
            trade(paper);
            before = AccountView.of(paper);
        }
        assertEquals(3, before.executions().size());
        try (PaperExchange reopened = new PaperExchange(config(), dir)) {
            assertEquals(before, AccountView.of(reopened));
            // and it carries on with fresh ids
            Steps steps = new Steps();
            reopened.subscribeCandles("BTCUSDT", Interval.M1, null, steps);
            steps.next();
            await(reopened.place(new OrderRequest("m3", "BTCUSDT", OrderSide.BUY,
                    OrderType.MARKET, new BigDecimal("0.1"), null, false)));
            List<Execution> fills = await(reopened.executions("BTCUSDT", Instant.EPOCH));
            assertEquals(4, fills.stream().map(Execution::execId).distinct().count());
        }
    }

    /** A real SIGKILL: the child trades, says so, and is killed without any shutdown. */
    @Test
    public void everythingAcknowledgedSurvivesAKill() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("killed");
        config(); // writes candles.csv for the child
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                KilledTrader.class.getName(), dir.toString(),
                temp.getRoot().toPath().resolve("candles.csv").toString())
                .redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
                if (line.startsWith("TRADED")) {
                    break;
                }
            }
            assertTrue("child said " + last, last != null && last.startsWith("TRADED"));
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        try (PaperExchange reopened = new PaperExchange(config(), dir)) {
            AccountView after = AccountView.of(reopened);
            assertEquals(last.substring("TRADED ".length()), KilledTrader.summary(after));
            assertEquals(3, after.executions().size());
            assertEquals(OrderStatus.REJECTED, after.orders().get(3).orElseThrow().status());
            assertEquals(1, after.open().size());
        }
    }

    @Test
    public void aTornLastLineIsCutOff() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("torn");
        AccountView before;
        try (PaperExchange paper = new PaperExchange(config(), dir)) {
            trade(paper);
            before = AccountView.of(paper);
        }
        Files.writeString(dir.resolve(Journal.FILE_NAME), "FILL exec=E9 oid=P",
                StandardOpenOption.APPEND);
        try (PaperExchange reopened = new PaperExchange(config(), dir)) {
            assertEquals(before, AccountView.of(reopened));
        }
        assertTrue(Files.readString(dir.resolve(Journal.FILE_NAME)).endsWith("\n"));
    }

    @Test
    public void aDamagedLineRefusesToOpenTheAccountNamingTheLine() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("damaged");
        try (PaperExchange paper = new PaperExchange(config(), dir)) {
            trade(paper);
        }
        Path journal = dir.resolve(Journal.FILE_NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        lines.set(2, lines.get(2).replace("qty=", "qty=x"));
        Files.write(journal, lines);
        try {
            new PaperExchange(config(), dir).close();
            fail("opened a damaged journal");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("line 3"));
        }
    }

    @Test
    public void oneAccountCannotBeOpenedTwice() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("twice");
        try (PaperExchange paper = new PaperExchange(config(), dir)) {
            new PaperExchange(config(), dir).close();
            fail("two adapters share the journal of " + paper.account());
        } catch (UncheckedIOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("in use"));
        }
    }

    @Test
    public void theOpeningDepositIsKeptWhenTheConfigurationChanges() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("deposit");
        new PaperExchange(config(), dir).close();
        Map<String, Object> changed = config();
        changed.put("balance.USDT", "5");
        try (PaperExchange reopened = new PaperExchange(changed, dir)) {
            assertEquals(0, new BigDecimal("1000").compareTo(await(reopened.balances()).stream()
                    .filter(b -> b.coin().equals("USDT")).findFirst().orElseThrow().total()));
        }
    }

    /** The child process of {@link #everythingAcknowledgedSurvivesAKill}. */
    public static final class KilledTrader {
        public static void main(String[] args) throws Exception {
            Map<String, Object> config = Fixture.replayConfig(Path.of(args[1]));
            config.put("feeBps", "7.5");
            config.put("slippageBps", "3");
            PaperExchange paper = new PaperExchange(config, Path.of(args[0]));
            trade(paper);
            System.out.println("TRADED " + summary(AccountView.of(paper)));
            System.out.flush();
            Thread.sleep(60_000); // killed here, never closed
        }

        static String summary(AccountView view) {
            StringBuilder text = new StringBuilder();
            view.balances().forEach(b -> text.append(b.coin()).append('=')
                    .append(b.total().stripTrailingZeros().toPlainString()).append('/')
                    .append(b.locked().stripTrailingZeros().toPlainString()).append(' '));
            view.executions().forEach(e -> text.append(e.execId()).append('@')
                    .append(e.price().toPlainString()).append(' '));
            return text.toString().trim();
        }
    }
}
