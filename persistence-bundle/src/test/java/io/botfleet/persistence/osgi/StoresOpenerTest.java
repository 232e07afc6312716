package io.botfleet.persistence.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.testing.DatabaseTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.hc.api.Result;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A corrupt database keeps the stores closed and the health check CRITICAL with the reason, while
 * the opener retries; once the file is repaired (here: removed) the stores open by themselves.
 */
public class StoresOpenerTest {

    private Path folder;

    @Before
    public void createFolder() throws Exception {
        folder = Files.createTempDirectory("botfleet-opener-test");
    }

    @After
    public void deleteFolder() throws Exception {
        DatabaseTarget.deleteTree(folder);
    }

    @Test
    public void corruptDatabaseIsReportedAndRetriedUntilItOpens() throws Exception {
        Path file = folder.resolve("botfleet.mv.db");
        Files.write(file, "this is not an H2 database, it is a text file long enough to be read".repeat(100)
                .getBytes());
        String url = "jdbc:h2:file:" + folder.resolve("botfleet");
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<JdbcStores> opened = new CompletableFuture<>();
        try (StoresOpener opener = new StoresOpener(() -> {
            attempts.incrementAndGet();
            return JdbcStores.open(url, "", "", 3);
        }, opened::complete, 50, 200)) {
            opener.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (attempts.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue("retried: " + attempts.get(), attempts.get() >= 3);
            Result unhealthy = PersistenceHealth.evaluate(opener.state());
            assertEquals(Result.Status.CRITICAL, unhealthy.getStatus());
            assertTrue(unhealthy.toString(), unhealthy.toString().contains("cannot open database"));
            assertTrue(!opened.isDone());

            Files.delete(file);
            JdbcStores stores = opened.get(20, TimeUnit.SECONDS);
            assertNull(opener.state().problem());
            Result healthy = PersistenceHealth.evaluate(opener.state());
            assertEquals(healthy.toString(), Result.Status.OK, healthy.getStatus());
            stores.installation().getOrCreate("x", "y");
        }
    }

    @Test
    public void closingWhileRetryingStopsTheRetries() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        StoresOpener opener = new StoresOpener(() -> {
            attempts.incrementAndGet();
            throw new io.botfleet.api.store.StoreException("database unreachable");
        }, stores -> { }, 10, 10);
        opener.start();
        Thread.sleep(100);
        opener.close();
        int afterClose = attempts.get();
        Thread.sleep(100);
        assertEquals(afterClose, attempts.get());
        assertEquals("persistence is stopping", opener.state().problem());
    }
}
