package io.botfleet.persistence.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.testing.DatabaseTarget;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** What happens before any store works: URLs, settings, and databases that cannot be opened. */
public class OpeningTest {

    private Path folder;

    @Before
    public void createFolder() throws Exception {
        folder = Files.createTempDirectory("botfleet-open-test");
    }

    @After
    public void deleteFolder() throws Exception {
        DatabaseTarget.deleteTree(folder);
    }

    @Test
    public void defaultIsAnH2FileUnderData() {
        DatabaseSettings settings = new DatabaseSettings("", null, null, 4, 1).resolvedAgainst(folder);
        assertEquals("jdbc:h2:file:" + folder.toAbsolutePath().resolve("data").resolve("botfleet"), settings.jdbcUrl());
        try (JdbcStores stores = JdbcStores.open(settings)) {
            stores.installation().getOrCreate("x", "y");
        }
        assertTrue(Files.exists(folder.resolve("data").resolve("botfleet.mv.db")));
    }

    @Test
    public void h2UrlsGetTheJournalSettingsUnlessSet() {
        assertEquals("jdbc:h2:file:/x/db;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                JdbcUrls.withJournalSettings("jdbc:h2:file:/x/db"));
        assertEquals("jdbc:h2:file:/x/db;write_delay=100;DB_CLOSE_ON_EXIT=FALSE",
                JdbcUrls.withJournalSettings("jdbc:h2:file:/x/db;write_delay=100"));
        assertTrue(JdbcUrls.hasUnsafeWriteDelay("jdbc:h2:file:/x/db;write_delay=100"));
        assertFalse(JdbcUrls.hasUnsafeWriteDelay("jdbc:h2:file:/x/db;WRITE_DELAY=0;X=1"));
        assertEquals("jdbc:postgresql://h/db?user=u", JdbcUrls.withJournalSettings("jdbc:postgresql://h/db?user=u"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=***",
                JdbcUrls.redact("jdbc:postgresql://h/db?user=u&password=secret"));
    }

    @Test
    public void badSettingsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings("jdbc:mysql://x", "", "", 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings("", "", "", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings("", "", "", 4, 4));
        assertThrows(IllegalArgumentException.class, () -> JdbcStores.open(" ", "", "", 4));
    }

    @Test
    public void corruptFileFailsWithTheReasonInsteadOfHanging() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(folder.resolve("botfleet.mv.db"), garbage);
        StoreException e = assertThrows(StoreException.class,
                () -> JdbcStores.open("jdbc:h2:file:" + folder.resolve("botfleet"), "", "", 4));
        assertTrue(e.getMessage(), e.getMessage().contains("cannot open database"));
    }

    @Test
    public void unreachableServerFailsFast() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        long start = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, () -> JdbcStores.open(
                "jdbc:postgresql://127.0.0.1:" + port + "/none?user=x&password=secret&connectTimeout=2", "", "", 4));
        assertTrue(e.getMessage(), e.getMessage().contains("cannot open database"));
        assertFalse("password not in the message: " + e.getMessage(), e.getMessage().contains("secret"));
        assertTrue("took " + (System.nanoTime() - start) / 1_000_000 + " ms", System.nanoTime() - start < 15_000_000_000L);
    }
}
