package io.botfleet.itests.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRun;
import io.botfleet.api.backtest.BacktestService;
import io.botfleet.api.backtest.BacktestState;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.dataset.CandleDatasetService;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.itests.BotfleetTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The operator console: the Gogo commands {@code bot:*}, {@code strategy:*}, {@code fleet:*} and
 * {@code backtest:*}, run through a real Gogo session as an operator at the console runs them,
 * mirror the API's verbs and answer refusals with their reason instead of a stack trace.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends BotfleetTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private CommandSession session;
    private BotManager bots;

    @Configuration
    public Option[] config() throws IOException {
        return options(baseOptions(), etcFile("io.botfleet.exchange.paper-walk.cfg",
                "synthetic.symbol=BTCUSDT\nsynthetic.seed=5\nsynthetic.speed=3000\nbalance.USDT=1000000\n"));
    }

    @Before
    public void openSession() throws InterruptedException {
        bots = awaitService(BotManager.class, null, WAIT);
        awaitService(io.botfleet.api.exchange.ExchangeAdapter.class, "(exchange.account=walk)", WAIT);
        // the strategy bundles may register after the runtime: bot:create needs sma-crossover
        StrategyCatalog catalog = awaitService(StrategyCatalog.class, null, WAIT);
        await("sma-crossover installed", WAIT, () -> catalog.strategies().stream().anyMatch(s -> s.id().equals("sma-crossover")),
                () -> "installed: " + catalog.strategies());
        CommandProcessor processor = awaitService(CommandProcessor.class, null, WAIT);
        await("the bot, strategy and fleet commands", WAIT, () -> commandsRegistered("bot")
                && commandsRegistered("strategy") && commandsRegistered("fleet"),
                () -> "no bot:*, strategy:* or fleet:* commands registered");
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
    }

    private boolean commandsRegistered(String scope) {
        try {
            return context.getAllServiceReferences(null, "(osgi.command.scope=" + scope + ")") != null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String run(String command) throws Exception {
        return String.valueOf(session.execute(command));
    }

    @Test
    public void backtestCommandsRunListAndShowASweepOnTheRealService() throws Exception {
        CandleDatasetService datasets = awaitService(CandleDatasetService.class, null, WAIT);
        BacktestService service = awaitService(BacktestService.class, null, WAIT);
        await("the backtest commands", WAIT, () -> commandsRegistered("backtest"), () -> "no backtest:* commands");
        datasets.put(DatasetKey.of("paper", "SHELLUSDT", "1m"),
                new ByteArrayInputStream(waveCsv(600).getBytes(StandardCharsets.UTF_8)));
        Path json = botfleetHome().resolve("shell-backtest.json");
        Files.writeString(json, "{\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\","
                + "\"params\":{\"fast\":[3,5],\"slow\":12}},"
                + "\"data\":{\"exchange\":\"paper\",\"symbol\":\"SHELLUSDT\",\"interval\":\"1m\"},"
                + "\"risk\":{\"orderQty\":\"0.5\"},\"balances\":{\"USDT\":\"100000\"},\"feeBps\":\"7.5\"}");

        String submitted = run("backtest:run " + json);
        assertTrue(submitted, submitted.matches("backtest [0-9a-f-]{36} (QUEUED|RUNNING|DONE), 2 run\\(s\\)"));
        String id = submitted.split(" ")[1];
        await("the sweep DONE", WAIT, () -> service.get(id).orElseThrow().state() == BacktestState.DONE,
                () -> service.get(id).toString());

        String list = run("backtest:list");
        assertTrue(list, list.lines().anyMatch(l -> l.startsWith(id + " DONE") && l.contains("sma-crossover")
                && l.contains("paper/SHELLUSDT/1m") && l.contains("runs 2/2") && l.contains("candles 1200/1200")));
        Backtest done = service.get(id).orElseThrow();
        String show = run("backtest:show " + id);
        assertTrue(show, show.startsWith(id + " DONE"));
        for (BacktestRun r : done.runs()) {
            assertTrue(r.report().trades() > 0);
            String line = show.lines().filter(l -> l.trim().startsWith(r.n() + " 1.0.0")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line of run " + r.n() + " in\n" + show));
            assertTrue(line, line.contains(r.strategy().params().toString()) && line.contains("DONE")
                    && line.contains(r.report().netPnl().toPlainString())
                    && line.contains(" " + r.report().trades() + " "));
        }

        Path unknown = botfleetHome().resolve("shell-backtest-unknown.json");
        Files.writeString(unknown, Files.readString(json).replace("sma-crossover", "no-such-strategy"));
        String refused = run("backtest:run " + unknown);
        assertTrue(refused, refused.startsWith("error: ") && refused.contains("no-such-strategy"));
        assertTrue(run("backtest:run /no/such/file.json").startsWith("error: cannot read"));
        assertEquals("error: no backtest 'nobody'", run("backtest:show nobody"));
        assertEquals(1, service.list(100).stream().filter(b -> b.request().data().symbol().equals("SHELLUSDT")).count());
    }

    /** {@code n} 1m candles whose close swings around 100 every 40 candles: SMA 3 or 5 crosses SMA 12 often. */
    private static String waveCsv(int n) {
        StringBuilder csv = new StringBuilder(CandleCsv.HEADER).append('\n');
        long t0 = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
        for (int i = 0; i < n; i++) {
            String close = BigDecimal.valueOf(100 + Math.round(10 * Math.sin(i * Math.PI / 20) * 100) / 100.0)
                    .setScale(2, RoundingMode.HALF_UP).toPlainString();
            csv.append(t0 + 60_000L * i).append(',').append(close).append(',').append(close).append(',')
                    .append(close).append(',').append(close).append(",1\n");
        }
        return csv.toString();
    }

    @Test
    public void botAndStrategyCommandsMirrorTheApi() throws Exception {
        Path json = botfleetHome().resolve("shell-bot.json");
        Files.writeString(json, "{\"id\":\"shell-1\",\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\","
                + "\"params\":{\"fast\":3,\"slow\":8}},\"exchange\":{\"id\":\"paper\",\"account\":\"walk\"},"
                + "\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.01\"},\"autoStart\":false}");
        assertTrue(run("bot:create " + json), run("bot:list").contains("shell-1"));
        assertTrue(run("bot:start shell-1").contains("shell-1"));
        await("RUNNING", WAIT, () -> bots.get("shell-1").state() == BotState.RUNNING, () -> bots.get("shell-1").toString());
        assertEquals("error: bot shell-1 is RUNNING; resume needs PAUSED", run("bot:resume shell-1"));
        assertTrue(run("bot:pause shell-1").contains("PAUSED"));
        assertTrue(run("bot:resume shell-1").contains("RUNNING"));
        String status = run("bot:status shell-1");
        assertTrue(status, status.contains("position") && status.contains("counters"));
        assertTrue(run("strategy:list"), run("strategy:list").contains("sma-crossover") && run("strategy:list").contains("shell-1"));
        assertTrue(run("strategy:swap shell-1 9.9.9").startsWith("error: strategy sma-crossover 9.9.9"));
        assertEquals("error: no bot 'nobody'", run("bot:status nobody"));
        assertTrue(run("bot:create /no/such/file.json").startsWith("error: cannot read"));

        String halted = run("fleet:halt paper/walk flatten shell test");
        assertTrue(halted, halted.startsWith("halted account paper/walk, flattening") && halted.contains("shell-1"));
        await("PAUSED by the halt", WAIT, () -> bots.get("shell-1").state() == BotState.PAUSED,
                () -> bots.get("shell-1").toString());
        assertTrue(run("fleet:halts"), run("fleet:halts").contains("halt of account paper/walk by shell"));
        assertTrue(run("bot:resume shell-1"), run("bot:resume shell-1").startsWith("error: bot shell-1 is halted"));
        String lifted = run("fleet:unhalt paper/walk");
        assertTrue(lifted, lifted.contains("shell-1") && lifted.contains("back to RUNNING"));
        assertTrue(run("fleet:unhalt paper/walk").startsWith("error: no halt of account paper/walk"));
        assertEquals("no halt is active", run("fleet:halts"));
        String flattened = run("bot:flatten shell-1");
        assertTrue(flattened, flattened.contains("PAUSED"));
        run("bot:stop shell-1");
        await("STOPPED", WAIT, () -> bots.get("shell-1").state() == BotState.STOPPED, () -> bots.get("shell-1").toString());
    }
}
