package io.botfleet.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.Test;

/** The command line itself: what is accepted, what is refused and with which exit status. */
public class CommandLineTest {

    private final Ctl ctl = new Ctl().env("BOTFLEET_URL", "http://127.0.0.1:1").env("BOTFLEET_TOKEN", "t");

    @Test
    public void helpListsEveryCommand() {
        Ctl.Result help = ctl.run("--help");
        assertEquals(help.toString(), 0, help.status());
        for (String command : new String[] {"bots", "bot", "start", "stop", "pause", "resume", "deploy", "strategies",
                "swap", "rollback", "history", "nodes", "drain"}) {
            assertTrue(command + " in\n" + help.out(), help.out().contains("\n  " + command + " "));
        }
        assertTrue(help.out(), help.out().contains("BOTFLEET_URL"));
        assertTrue(help.out(), help.out().contains("BOTFLEET_TOKEN"));
    }

    @Test
    public void noCommandIsAUsageError() {
        Ctl.Result none = ctl.run();
        assertEquals(none.toString(), CtlException.USAGE, none.status());
        assertTrue(none.err(), none.err().contains("a command is needed"));
        assertTrue(none.err(), none.err().contains("swap"));
    }

    @Test
    public void anUnknownCommandIsAUsageError() {
        Ctl.Result unknown = ctl.run("frobnicate");
        assertEquals(unknown.toString(), CtlException.USAGE, unknown.status());
        assertTrue(unknown.err(), unknown.err().contains("frobnicate"));
    }

    @Test
    public void aMissingArgumentIsNamed() {
        Ctl.Result swap = ctl.run("swap", "demo");
        assertEquals(swap.toString(), CtlException.USAGE, swap.status());
        assertTrue(swap.err(), swap.err().contains("<version>"));
        Ctl.Result pause = ctl.run("pause");
        assertEquals(pause.toString(), CtlException.USAGE, pause.status());
        assertTrue(pause.err(), pause.err().contains("<id>"));
    }

    /** --params changes a move's parameters; the running strategy's are changed with PATCH. */
    @Test
    public void swapParamsNeedAnotherStrategy() {
        Ctl.Result swap = ctl.run("swap", "demo", "1.1.0", "--params", "fast=5");
        assertEquals(swap.toString(), CtlException.USAGE, swap.status());
        assertTrue(swap.err(), swap.err().contains("--params goes with --strategy"));
    }

    @Test
    public void tooManyArgumentsAreRefused() {
        Ctl.Result bot = ctl.run("bot", "a", "b");
        assertEquals(bot.toString(), CtlException.USAGE, bot.status());
    }

    @Test
    public void aServerUrlThatIsNotHttpIsAUsageError() {
        Ctl.Result bots = ctl.run("--url", "ftp://example.org", "bots");
        assertEquals(bots.toString(), CtlException.USAGE, bots.status());
        assertTrue(bots.err(), bots.err().contains("must be http://host:port"));
        assertEquals(CtlException.USAGE, new Ctl().env("BOTFLEET_URL", "127.0.0.1:8080").run("bots").status());
    }

    @Test
    public void aMissingJarIsNamed() {
        Ctl.Result deploy = ctl.run("deploy", "/nonexistent/strategy.jar");
        assertEquals(deploy.toString(), CtlException.USAGE, deploy.status());
        assertEquals("botfleetctl: no file /nonexistent/strategy.jar\n", deploy.err());
    }

    @Test
    public void aRefusedConnectionSaysWhereItTried() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } // closed: nothing listens there now
        Ctl.Result bots = new Ctl().env("BOTFLEET_URL", "http://127.0.0.1:" + port).run("bots");
        assertEquals(bots.toString(), CtlException.UNREACHABLE, bots.status());
        assertEquals("", bots.out());
        assertTrue(bots.err(), bots.err().startsWith("botfleetctl: cannot connect to http://127.0.0.1:" + port
                + ": connection refused"));
    }

    @Test
    public void theUrlOptionWinsOverTheEnvironment() throws IOException {
        try (ScriptedServer server = new ScriptedServer().json("GET", "/api/v1/bots", 200, "[]")) {
            Ctl.Result bots = ctl.run("--url", server.url(), "bots");
            assertEquals(bots.toString(), 0, bots.status());
            assertEquals("no bots\n", bots.out());
        }
    }

    @Test
    public void versionNamesTheProgram() {
        Ctl.Result version = new Ctl().run("--version");
        assertEquals(version.toString(), 0, version.status());
        assertTrue(version.out(), version.out().startsWith("botfleetctl "));
    }
}
