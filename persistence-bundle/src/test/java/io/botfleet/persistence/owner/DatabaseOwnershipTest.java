package io.botfleet.persistence.owner;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeFalse;

import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.db.DatabaseSettings;
import io.botfleet.persistence.testing.DatabaseTarget;
import io.botfleet.persistence.testing.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * A server owns its database alone: a second owner is refused naming the first (a real second
 * process: on H2 it is the file lock that refuses it), a killed owner frees the database, a lost
 * PostgreSQL lock stops every write until it is held again, and a database recorded for another
 * mode is refused.
 */
@RunWith(Parameterized.class)
public class DatabaseOwnershipTest {

    @Parameterized.Parameter(0)
    public String databaseName;

    @Parameterized.Parameter(1)
    public DatabaseTarget target;

    private Process holder;
    private JdbcStores owner;

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return DatabaseTarget.all();
    }

    @Before
    public void create() throws Exception {
        target.create();
    }

    @After
    public void drop() throws Exception {
        if (holder != null) {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (owner != null) {
            owner.close();
        }
        target.drop();
    }

    @Test
    public void aSecondOwnerInAnotherProcessIsRefusedNamingTheHolderUntilTheHolderIsKilled() throws Exception {
        long holderPid = startHolder();

        try {
            openAsOwner().close();
            fail("a second owner was let in");
        } catch (DatabaseOwnedException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("database jdbc:"));
            assertTrue(e.getMessage(), e.getMessage().contains("is owned by another Botfleet server (host "));
            assertTrue("names the holder's pid: " + e.getMessage(), e.getMessage().contains("pid " + holderPid + ","));
        }

        holder.destroyForcibly();
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        holder = null;
        // The killed holder's file lock (H2) or session (PostgreSQL) goes with its process; the
        // database server may take a moment to see the closed socket.
        long killed = System.nanoTime();
        owner = awaitOpen(Duration.ofSeconds(10));
        System.out.printf("%s: owner after the holder was killed in %d ms%n", databaseName,
                (System.nanoTime() - killed) / 1_000_000);
        assertEquals(ProcessHandle.current().pid(), ownerRow().pid());
    }

    @Test
    public void aLostLockRefusesEveryWriteUntilTheLockIsHeldAgain() throws Exception {
        assumeFalse("H2's file lock lives as long as the process", target.isH2());
        owner = openAsOwner();
        await(owner.journal().commitCandle(Fixtures.progress("b1", 1, 1), List.of()));
        long firstBackend = ownerRow().lockBackend();

        try (Connection other = target.connect(); Connection waiter = target.connect()) {
            other.setAutoCommit(true);
            // Queue for the lock: PostgreSQL grants it to the waiter the moment the owner's session
            // ends, before the owner can take it back. A server that lost the lock must stay
            // refused while someone else holds it.
            CompletableFuture<Void> granted = CompletableFuture.runAsync(() -> waitForLock(waiter));
            awaitTrue("a session queued for the lock", Duration.ofSeconds(10), () -> queuedForLock(other));
            terminate(other, firstBackend);
            granted.get(10, TimeUnit.SECONDS);
            awaitTrue("the owner notices the lost lock", Duration.ofSeconds(10), () -> owner.ownershipProblem() != null);
            awaitTrue("the owner sees the lock held by another session", Duration.ofSeconds(10),
                    () -> String.valueOf(owner.ownershipProblem()).contains("now held by another session"));
            String problem = owner.ownershipProblem();
            assertTrue(problem, problem.startsWith("this server lost the lock of database jdbc:postgresql:"));
            assertTrue(problem, problem.endsWith("; not trading until it holds the lock again"));
            try {
                await(owner.journal().commitCandle(Fixtures.progress("b1", 2, 2), List.of(Fixtures.intent("b1", "lost"))));
                fail("the journal wrote without the lock");
            } catch (CompletionException e) {
                assertTrue(e.getCause().toString(), e.getCause() instanceof StoreException);
                assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("not trading until it holds the lock again"));
            }
            try {
                owner.botStore().create(Fixtures.config("b2"), DesiredState.RUNNING);
                fail("the bot store wrote without the lock");
            } catch (StoreException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("lost the lock"));
            }
        }
        // the other session ended: its lock with it
        long released = System.nanoTime();
        awaitTrue("the owner holds the lock again", Duration.ofSeconds(10), () -> owner.ownershipProblem() == null);
        System.out.printf("lock held again %d ms after the other session let it go%n", (System.nanoTime() - released) / 1_000_000);
        await(owner.journal().commitCandle(Fixtures.progress("b1", 2, 2), List.of(Fixtures.intent("b1", "held"))));
        OwnerRecord row = ownerRow();
        assertNotEquals("the row names the new session", firstBackend, (long) row.lockBackend());
        assertEquals(ProcessHandle.current().pid(), row.pid());
        assertEquals("only the write made with the lock is stored", List.of("held"), storedOrders());
    }

    @Test
    public void aCommitRightAfterTheLockIsLostIsRefusedBeforeTheWatcherNotices() throws Exception {
        assumeFalse("H2's file lock lives as long as the process", target.isH2());
        owner = openAsOwner();
        long backend = ownerRow().lockBackend();
        try (Connection other = target.connect()) {
            other.setAutoCommit(true);
            terminate(other, backend);
            awaitTrue("the terminated session's lock released", Duration.ofSeconds(5),
                    () -> !heldBy(other, backend));
            // The watcher looks once a second: this commit comes well before it, and must not land.
            try {
                await(owner.journal().commitCandle(Fixtures.progress("b1", 1, 2), List.of(Fixtures.intent("b1", "late"))));
                fail("committed after the lock was lost");
            } catch (CompletionException e) {
                assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("lost the lock of database"));
            }
        }
        assertEquals("nothing committed without the lock", List.of(), storedOrders());
        awaitTrue("the owner holds the lock again", Duration.ofSeconds(10), () -> owner.ownershipProblem() == null);
        await(owner.journal().commitCandle(Fixtures.progress("b1", 1, 2), List.of(Fixtures.intent("b1", "held"))));
        assertEquals(List.of("held"), storedOrders());
    }

    @Test
    public void aDatabaseRecordedForAnotherModeIsRefused() throws Exception {
        openAsOwner().close();
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE database_owner SET mode = 'cluster'");
        }
        try {
            openAsOwner().close();
            fail("a single-node server took a cluster's database");
        } catch (DatabaseOwnedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is recorded for mode 'cluster'"));
            assertTrue(e.getMessage(), e.getMessage().endsWith("a server in mode 'single' refuses to share it"));
        }
        assertEquals("the refused server left the row alone", "cluster", ownerRow().mode());
    }

    private JdbcStores openAsOwner() {
        return JdbcStores.openAsOwner(new DatabaseSettings(target.url(), "", "", 4, 1), OwnerRecord.thisProcess());
    }

    private JdbcStores awaitOpen(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return openAsOwner();
            } catch (DatabaseOwnedException stillHeld) {
                if (System.nanoTime() > deadline) {
                    throw stillHeld;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Starts {@link OwnerHolder} in a child JVM; its pid once it owns the database. */
    private long startHolder() throws Exception {
        holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx128m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", OwnerHolder.class.getName(), target.url())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertNotNull("the holder exited before owning the database", line);
        assertTrue(line, line.startsWith("OWNER "));
        return Long.parseLong(line.split(" ")[1]);
    }

    private List<String> storedOrders() throws Exception {
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT client_order_id FROM bot_orders ORDER BY client_order_id")) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    private OwnerRecord ownerRow() throws Exception {
        try (Connection c = target.connect()) {
            return OwnerRows.read(c);
        }
    }

    private static void waitForLock(Connection c) {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT pg_advisory_lock(?, hashtext(coalesce(current_schema(), '')))")) {
            st.setInt(1, AdvisoryLock.BOTFLEET_KEY);
            st.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean queuedForLock(Connection c) {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean heldBy(Connection c, long backend) {
        try {
            return AdvisoryLock.isHeldBy(c, backend);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void terminate(Connection c, long backend) throws Exception {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            st.setInt(1, (int) backend);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertTrue("terminated the owner's lock session", rs.getBoolean(1));
            }
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
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
}
