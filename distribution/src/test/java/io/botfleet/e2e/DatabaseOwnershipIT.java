package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Test;

/**
 * One database, one server (outside cluster mode), with real servers: a second server on the same
 * home, on the same H2 file from another home, or on the same PostgreSQL schema refuses to start
 * (exit status 1, one line naming the database or home and the holder); once the holder is
 * killed the next one starts. And a server whose PostgreSQL lock is taken from under it (its
 * session terminated, the lock held by someone else meanwhile) stops trading: its bots SUSPENDED
 * with the reason, readiness 503, until it holds the lock again, then they trade on with nothing
 * lost or duplicated.
 */
public class DatabaseOwnershipIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String LOCK_LOST = "lost the lock of database";

    private final List<DistributionProcess> servers = new ArrayList<>();
    private TestPostgres postgres;

    @After
    public void stop() throws Exception {
        for (DistributionProcess server : servers) {
            server.close();
        }
        if (postgres != null) {
            postgres.dropSchema();
        }
    }

    @Test
    public void aSecondServerOnTheSameH2IsRefusedUntilTheHolderIsKilled() throws Exception {
        DistributionProcess first = start(DistributionProcess.builder("owner-h2-first"));
        first.awaitReady(START);
        Path home = first.home();

        // Same home: refused by the launcher before the framework exists (whose start would wipe
        // the running server's bundle cache).
        DistributionProcess sameHome = start(DistributionProcess.builder("owner-h2-same-home").home(home));
        assertRefused(sameHome, "cannot start: home " + home + " is in use by another Botfleet server (pid "
                + first.pid() + ", started ");

        // Another home on the same H2 file: H2's file lock refuses it, the owner file names the holder.
        Path database = home.resolve("data/botfleet");
        DistributionProcess sameFile = start(DistributionProcess.builder("owner-h2-same-file")
                .etcFile("io.botfleet.persistence.cfg", "jdbcUrl=jdbc:h2:file:" + database + "\n"));
        assertRefused(sameFile, "cannot start: database jdbc:h2:file:" + database
                + " is owned by another Botfleet server (host ");
        assertTrue(sameFile.logTail(20), sameFile.logText().contains(", pid " + first.pid() + ", started "));

        assertEquals("the holder is untouched", 200, first.get("/health/ready").statusCode());
        first.kill();
        first.awaitExit(Duration.ofSeconds(30));
        DistributionProcess next = start(DistributionProcess.builder("owner-h2-next").home(home));
        next.awaitReady(START);
    }

    @Test
    public void aSecondServerOnTheSamePostgresIsRefusedUntilTheHolderIsKilled() throws Exception {
        postgres = TestPostgres.required();
        postgres.createSchema();
        DistributionProcess first = start(onPostgres("owner-pg-first"));
        awaitReadyOnPostgres(first);

        DistributionProcess second = start(onPostgres("owner-pg-second"));
        assertRefused(second, "cannot start: database jdbc:postgresql://");
        String line = refusalLine(second);
        assertTrue(line, line.contains("currentSchema=" + postgres.schema() + " is owned by another Botfleet server (host "));
        assertTrue(line, line.contains(", pid " + first.pid() + ", started "));
        assertTrue("the password is masked: " + line, !line.contains("password=") || line.contains("password=***"));

        assertEquals("the holder is untouched", 200, first.get("/health/ready").statusCode());
        first.kill();
        first.awaitExit(Duration.ofSeconds(30));
        long killed = System.nanoTime();
        DistributionProcess next = start(onPostgres("owner-pg-next"));
        awaitReadyOnPostgres(next);
        System.out.printf("PostgreSQL: the next server ready %d ms after the holder was killed%n",
                (System.nanoTime() - killed) / 1_000_000);
    }

    @Test
    public void aServerThatLosesItsPostgresLockSuspendsItsBotsUntilItHoldsItAgain() throws Exception {
        postgres = TestPostgres.required();
        postgres.createSchema();
        Path data = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        int fileCandles = 13_681;
        DistributionProcess server = start(onPostgres("owner-pg-lost")
                .etcFile("io.botfleet.exchange.paper-lost.cfg", "replay.file=" + data
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=30000\nbalance.BTC=1000000\n"));
        awaitReadyOnPostgres(server);
        Api api = new Api(server);
        String token = server.adminToken();
        Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"lost-0\",\"strategy\":{\"id\":\"sma-crossover\","
                + "\"version\":\"1.0.0\",\"params\":{\"fast\":10,\"slow\":30}},\"exchange\":{\"id\":\"paper\","
                + "\"account\":\"lost\"},\"symbol\":\"UNITTESTBTC\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"1\"},"
                + "\"autoStart\":true}");
        assertEquals(created.toString(), 201, created.status());
        api.await("/api/v1/bots/lost-0", token, b -> b.path("counters").path("candles").asLong() >= 2_000,
                Duration.ofMinutes(2), "2,000 candles");

        long held;
        try (Connection other = DriverManager.getConnection(postgres.url());
             Connection waiter = DriverManager.getConnection(postgres.url())) {
            // Queue for the lock, as another server would: PostgreSQL grants it to the waiter the
            // moment the server's session ends, before the server can take it back. The server
            // must not trade while the waiter holds it.
            CompletableFuture<Void> granted = CompletableFuture.runAsync(() -> waitForLock(waiter));
            awaitTrue("a session queued for the lock", Duration.ofSeconds(10), () -> queuedForLock(other));
            terminate(other, lockBackend(other));
            granted.get(10, TimeUnit.SECONDS);
            held = System.nanoTime();

            HttpResponse<String> ready = awaitReadiness(server, 503, Duration.ofSeconds(30));
            JsonNode persistence = check(ready.body(), "persistence");
            assertEquals(ready.body(), "CRITICAL", persistence.path("status").asText());
            assertTrue(ready.body(), persistence.path("message").asText().contains(LOCK_LOST));
            long unready = System.nanoTime();
            JsonNode suspended = api.await("/api/v1/bots/lost-0", token, b -> "SUSPENDED".equals(b.path("state").asText()),
                    Duration.ofSeconds(30), "SUSPENDED after the lock was lost");
            assertTrue(suspended.toString(), suspended.path("lastError").asText().startsWith("persistence unavailable: "));
            assertTrue(suspended.toString(), suspended.path("lastError").asText().contains(LOCK_LOST));
            long candles = suspended.path("counters").path("candles").asLong();
            Thread.sleep(3_000);
            JsonNode later = api.get("/api/v1/bots/lost-0", token).json();
            assertEquals("still SUSPENDED while another session holds the lock", "SUSPENDED", later.path("state").asText());
            assertEquals("no candle committed without the lock", candles, later.path("counters").path("candles").asLong());
            System.out.printf("lock taken away: readiness 503 after %d ms%n", (unready - held) / 1_000_000);
        }
        long released = System.nanoTime();
        awaitReadiness(server, 200, Duration.ofSeconds(30));
        long readyAgain = System.nanoTime();
        api.await("/api/v1/bots/lost-0", token, b -> "RUNNING".equals(b.path("state").asText()), Duration.ofSeconds(60),
                "RUNNING once the lock is held again");
        System.out.printf("lock released: readiness 200 after %d ms, the bot RUNNING after %d ms%n",
                (readyAgain - released) / 1_000_000, (System.nanoTime() - released) / 1_000_000);
        assertTrue(server.logText().contains("holds the lock of database"));

        JsonNode status = api.await("/api/v1/bots/lost-0", token, b -> b.path("counters").path("candles").asLong() >= fileCandles
                && "RUNNING".equals(b.path("state").asText()), Duration.ofMinutes(3), "the whole file");
        Thread.sleep(1_000); // acknowledgements of the last orders
        status = api.get("/api/v1/bots/lost-0", token).json();
        JsonNode orders = api.get("/api/v1/bots/lost-0/orders?status=all&limit=1000", token).json();
        JsonNode fills = api.get("/api/v1/bots/lost-0/fills?limit=1000", token).json();
        server.terminate();
        assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));
        assertEquals("every candle of the file processed once", fileCandles, status.path("counters").path("candles").asLong());
        TradingLedger.check("lost-0", status, orders, fills, server.home().resolve("data/paper/lost/journal.log"));
    }

    private DistributionProcess start(DistributionProcess.Builder builder) throws IOException {
        DistributionProcess server = builder.start();
        servers.add(server);
        return server;
    }

    private DistributionProcess.Builder onPostgres(String name) throws IOException {
        return DistributionProcess.builder(name).withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.persistence.cfg", "jdbcUrl=" + postgres.url() + "\n");
    }

    private static void awaitReadyOnPostgres(DistributionProcess server) {
        server.awaitReady(START);
        new Api(server).await("/health/ready", null, r -> r.toString().contains("postgresql"), Duration.ofSeconds(30),
                "readiness naming the PostgreSQL database");
    }

    /** Exit status 1 and the one line saying why. */
    private static void assertRefused(DistributionProcess server, String linePrefix) {
        assertEquals(server.logTail(30), 1, server.awaitExit(START));
        String line = refusalLine(server);
        assertTrue("refusal line: " + line + "\n" + server.logTail(30), line.contains(linePrefix));
    }

    private static String refusalLine(DistributionProcess server) {
        for (String line : server.logText().split("\n")) {
            if (line.startsWith("botfleet: ERROR cannot start: ")) {
                return line;
            }
        }
        throw new AssertionError("no refusal line\n" + server.logTail(30));
    }

    private static long lockBackend(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT lock_backend FROM database_owner WHERE id = 1");
             ResultSet rs = st.executeQuery()) {
            assertTrue("an owner row", rs.next());
            return rs.getLong(1);
        }
    }

    private static void terminate(Connection c, long backend) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            st.setInt(1, (int) backend);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertTrue("terminated the server's lock session", rs.getBoolean(1));
            }
        }
    }

    /** Waits for the server's ownership lock (the persistence bundle's key: "BFlt" and the schema). */
    private static void waitForLock(Connection c) {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT pg_advisory_lock(1111911540, hashtext(coalesce(current_schema(), '')))")) {
            st.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean queuedForLock(Connection c) {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms");
            }
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> awaitReadiness(DistributionProcess server, int status, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = server.get("/health/ready");
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (IOException e) {
                // a health check slower than the client's timeout: ask again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness not " + status + " within " + timeout.toMillis() + " ms; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()) + "\n" + server.logTail(40));
    }

    private static JsonNode check(String readiness, String name) throws IOException {
        for (JsonNode check : Api.JSON.readTree(readiness).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + readiness);
    }
}
