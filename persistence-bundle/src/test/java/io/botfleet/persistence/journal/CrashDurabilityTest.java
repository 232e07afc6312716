package io.botfleet.persistence.journal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.testing.DatabaseTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The journal's guarantee on H2: whatever it reported committed survives the process being killed
 * with SIGKILL (no shutdown hook, no close). A child JVM writes and reports; the test kills it in
 * mid-stream, reopens the database and looks for every reported write.
 *
 * <p>H2 only: with PostgreSQL the server, not our process, holds the data, so killing the client
 * proves nothing about it.
 */
public class CrashDurabilityTest {

    private final DatabaseTarget.H2 target = new DatabaseTarget.H2();

    @Before
    public void createFolder() throws Exception {
        target.create();
    }

    @After
    public void deleteFolder() throws Exception {
        target.drop();
    }

    @Test
    public void everythingReportedCommittedSurvivesSigkill() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashWriter.class.getName(), target.url())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Long> lastCandle = new HashMap<>();
        Set<String> orders = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while ((line = in.readLine()) != null && orders.size() < 3000 && System.nanoTime() < deadline) {
                if (line.startsWith("COMMITTED ")) {
                    String[] parts = line.split(" ");
                    lastCandle.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                    orders.add(parts[3]);
                }
            }
            // Kill while it is still writing: SIGKILL, no shutdown hooks, nothing flushed on exit.
            // (Lines still in the pipe are lost with it; only what was read is checked.)
            child.destroyForcibly();
            assertTrue("child exited", child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals("killed by SIGKILL", 128 + 9, child.exitValue());
        assertTrue("the child committed something: " + orders.size(), orders.size() >= 100);

        try (JdbcStores reopened = target.open()) {
            for (Map.Entry<String, Long> bot : lastCandle.entrySet()) {
                long stored = reopened.journal().progress(bot.getKey()).orElseThrow().counters().candles();
                assertTrue(bot.getKey() + ": reported candle " + bot.getValue() + ", stored " + stored,
                        stored >= bot.getValue());
            }
            for (String order : orders) {
                assertTrue("order " + order + " was reported committed", reopened.journal().order(order).isPresent());
            }
            // and the database is sound enough to take new writes
            reopened.journal().appendEvent(new io.botfleet.api.bot.BotEvent("bot-0", java.time.Instant.now(),
                    io.botfleet.api.bot.BotEvent.Type.RECOVERY, "after the crash")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            List<?> events = reopened.journal().events("bot-0", 1);
            assertEquals(1, events.size());
        }
    }
}
