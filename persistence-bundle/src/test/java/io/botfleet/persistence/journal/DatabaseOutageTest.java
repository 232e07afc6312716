package io.botfleet.persistence.journal;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.testing.DatabaseTarget;
import io.botfleet.persistence.testing.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A database that goes away and comes back: an H2 TCP server in a child JVM, killed and started
 * again (in its own process, like a real database server: an in-process server would share its
 * database objects with the test). While it is down, journal writes fail with StoreException and the health check says why;
 * once it is back, the same journal writes again without a restart.
 */
public class DatabaseOutageTest {

    private Path folder;
    private int port;
    private Process server;

    @Before
    public void startServer() throws Exception {
        folder = Files.createTempDirectory("botfleet-outage-test");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = startServer(port);
    }

    @After
    public void stopServer() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        DatabaseTarget.deleteTree(folder);
    }

    @Test
    public void journalFailsDuringAnOutageAndRecoversAfterIt() throws Exception {
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + folder.resolve("botfleet");
        try (JdbcStores stores = JdbcStores.open(url, "", "", 4)) {
            Fixtures.await(stores.journal().appendEvent(event("before")));
            stores.checkHealth();

            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            server = null;
            CompletionStage<Void> during = stores.journal().appendEvent(event("during"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> Fixtures.await(during));
            assertTrue(e.getCause().toString(), e.getCause() instanceof StoreException);
            StoreException unhealthy = assertThrows(StoreException.class, stores::checkHealth);
            assertTrue(unhealthy.getMessage(), unhealthy.getMessage().contains("unreachable")
                    || unhealthy.getMessage().contains("failed"));

            server = startServer(port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    Fixtures.await(stores.journal().appendEvent(event("after")));
                    break;
                } catch (ExecutionException stillDown) {
                    if (System.nanoTime() > deadline) {
                        fail("the journal did not recover: " + stillDown.getCause());
                    }
                    Thread.sleep(200);
                }
            }
            stores.checkHealth();
            List<String> messages = stores.journal().events("bot-1", 10).stream().map(BotEvent::message).toList();
            assertTrue(messages.toString(), messages.contains("before") && messages.contains("after"));
            assertTrue(messages.toString(), !messages.contains("during"));
        }
    }

    private static Process startServer(int onPort) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx128m", Server.class.getName(),
                "-tcp", "-tcpPort", Integer.toString(onPort), "-ifNotExists")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", onPort)) {
                return process;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("H2 server exited with " + process.exitValue());
                }
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("H2 server did not listen on port " + onPort);
    }

    private static BotEvent event(String message) {
        return new BotEvent("bot-1", Fixtures.T0, BotEvent.Type.ERROR, message);
    }
}
