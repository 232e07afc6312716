package io.botfleet.persistence.artifact;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.store.Artifact;
import io.botfleet.api.store.ArtifactStore;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.testing.StoreTestBase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class JdbcArtifactStoreTest extends StoreTestBase {

    private ArtifactStore artifacts() {
        return stores.artifacts();
    }

    @Test
    public void storedJarReadsBackVerified() {
        byte[] jar = bytes(3 * JdbcArtifactStore.CHUNK_BYTES + 17, 1);
        Artifact stored = artifacts().put("io.botfleet.strategy.sma", "1.0.0", jar);
        assertEquals(Sha256.of(jar), stored.sha256());
        assertEquals(jar.length, stored.size());

        reopen();
        assertEquals(stored, artifacts().find("io.botfleet.strategy.sma", "1.0.0").orElseThrow());
        assertArrayEquals(jar, artifacts().content(stored.sha256()).orElseThrow());
        assertTrue(artifacts().content(Sha256.of(new byte[] {1})).isEmpty());
    }

    @Test
    public void sameContentAgainReturnsTheStoredEntry() {
        byte[] jar = bytes(1000, 2);
        Artifact first = artifacts().put("a", "1.0.0", jar);
        assertEquals(first, artifacts().put("a", "1.0.0", jar.clone()));
        // the same bytes under another version share their content
        Artifact other = artifacts().put("a", "1.0.1", jar);
        assertEquals(first.sha256(), other.sha256());
        assertEquals(List.of("1.0.0", "1.0.1"), artifacts().list().stream().map(Artifact::version).toList());
    }

    @Test
    public void otherContentUnderAStoredNameAndVersionIsAConflict() {
        Artifact first = artifacts().put("a", "1.0.0", bytes(1000, 3));
        StoreConflictException e = assertThrows(StoreConflictException.class,
                () -> artifacts().put("a", "1.0.0", bytes(1000, 4)));
        assertTrue(e.getMessage(), e.getMessage().contains(first.sha256()));
        assertEquals(first, artifacts().find("a", "1.0.0").orElseThrow());
    }

    @Test
    public void damagedBytesAreReportedNotReturned() throws Exception {
        Artifact stored = artifacts().put("a", "1.0.0", bytes(JdbcArtifactStore.CHUNK_BYTES + 5, 5));
        try (Connection c = target.connect(); PreparedStatement st = c.prepareStatement(
                "UPDATE artifact_chunks SET data = ? WHERE sha256 = ? AND chunk_no = 1")) {
            st.setBytes(1, "tampered".getBytes(StandardCharsets.UTF_8));
            st.setString(2, stored.sha256());
            assertEquals(1, st.executeUpdate());
        }
        StoreException e = assertThrows(StoreException.class, () -> artifacts().content(stored.sha256()));
        assertTrue(e.getMessage(), e.getMessage().contains("corrupt"));

        try (Connection c = target.connect(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM artifact_chunks WHERE sha256 = ? AND chunk_no = 0")) {
            st.setString(1, stored.sha256());
            st.executeUpdate();
        }
        e = assertThrows(StoreException.class, () -> artifacts().content(stored.sha256()));
        assertTrue(e.getMessage(), e.getMessage().contains("0 of 2 chunks"));
    }

    @Test
    public void badInputIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> artifacts().content("not-a-sha"));
        assertThrows(IllegalArgumentException.class, () -> artifacts().put("a", "1.0.0", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> artifacts().put("", "1.0.0", new byte[1]));
        assertTrue(artifacts().find(null, "1.0.0").isEmpty());
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
