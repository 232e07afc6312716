package io.botfleet.itests.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotState;
import io.botfleet.itests.BotfleetTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
 * The operator console: the Gogo commands {@code bot:*} and {@code strategy:*}, run through a
 * real Gogo session as an operator at the console runs them, mirror the API's verbs and answer
 * refusals with their reason instead of a stack trace.
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
