package io.botfleet.persistence.artifact;

import io.botfleet.api.store.Artifact;
import io.botfleet.api.store.ArtifactStore;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Comparator;

/**
 * Bundle jars, content-addressed: {@code artifacts} maps name and version to a SHA-256, and the
 * bytes live once per SHA-256 in {@code artifact_chunks}, cut in chunks because H2's binary column
 * holds at most 1 MB and a portable large-object type does not exist. Bytes are checked against
 * their SHA-256 on every read, so a damaged jar is reported, never installed.
 */
public final class JdbcArtifactStore implements ArtifactStore {

    static final int CHUNK_BYTES = 512 * 1024;
    /** The HTTP API accepts uploads up to 20 MiB; a little headroom for jars recorded at start. */
    static final int MAX_JAR_BYTES = 64 * 1024 * 1024;

    private static final String COLUMNS = "symbolic_name, version, sha256, size_bytes, stored_at";

    private final Database db;

    public JdbcArtifactStore(Database db) {
        this.db = db;
    }

    @Override
    public Artifact put(String symbolicName, String version, byte[] jar) {
        requireText(symbolicName, "symbolicName", 255);
        requireText(version, "version", 128);
        Objects.requireNonNull(jar, "jar");
        if (jar.length == 0 || jar.length > MAX_JAR_BYTES) {
            throw new IllegalArgumentException("a jar must have 1 to " + MAX_JAR_BYTES + " bytes, was " + jar.length);
        }
        String sha = Sha256.of(jar);
        String what = "store artifact " + symbolicName + " " + version;
        try {
            return db.inTransaction(what, c -> {
                Optional<Artifact> existing = find(c, symbolicName, version);
                if (existing.isPresent()) {
                    return sameOrConflict(existing.get(), sha);
                }
                storeContent(c, sha, jar);
                Artifact artifact = new Artifact(symbolicName, version, sha, jar.length,
                        Columns.truncate(Instant.now()));
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO artifacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                    st.setString(1, symbolicName);
                    st.setString(2, version);
                    st.setString(3, sha);
                    st.setLong(4, jar.length);
                    Columns.setTime(st, 5, artifact.storedAt());
                    st.executeUpdate();
                }
                return artifact;
            });
        } catch (StoreConflictException raced) {
            // Another caller stored this name and version (or these bytes) at the same moment.
            Artifact winner = find(symbolicName, version).orElseThrow(() -> raced);
            return sameOrConflict(winner, sha);
        }
    }

    @Override
    public Optional<Artifact> find(String symbolicName, String version) {
        if (symbolicName == null || version == null) {
            return Optional.empty();
        }
        return db.withConnection("find artifact " + symbolicName + " " + version,
                c -> find(c, symbolicName, version));
    }

    @Override
    public Optional<byte[]> content(String sha256) {
        if (!Sha256.isValid(sha256)) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: '" + sha256 + "'");
        }
        Optional<byte[]> bytes = db.withConnection("read artifact " + sha256, c -> readContent(c, sha256));
        bytes.ifPresent(b -> {
            String actual = Sha256.of(b);
            if (!actual.equals(sha256)) {
                throw new StoreException("artifact " + sha256 + " is corrupt: its stored bytes hash to " + actual);
            }
        });
        return bytes;
    }

    @Override
    public List<Artifact> list() {
        return db.withConnection("list artifacts", c -> {
            List<Artifact> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM artifacts ORDER BY symbolic_name, version");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(toArtifact(rs));
                }
            }
            all.sort(Comparator.comparing(Artifact::symbolicName).thenComparing(Artifact::version));
            return all;
        });
    }

    private static Artifact sameOrConflict(Artifact stored, String sha) {
        if (stored.sha256().equals(sha)) {
            return stored;
        }
        throw new StoreConflictException("artifact " + stored.symbolicName() + " " + stored.version()
                + " is already stored with other content (sha256 " + stored.sha256() + ", new " + sha + ")");
    }

    private static Optional<Artifact> find(Connection c, String symbolicName, String version) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM artifacts WHERE symbolic_name = ? AND version = ?")) {
            st.setString(1, symbolicName);
            st.setString(2, version);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(toArtifact(rs)) : Optional.empty();
            }
        }
    }

    private static void storeContent(Connection c, String sha, byte[] jar) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM artifact_content WHERE sha256 = ?")) {
            st.setString(1, sha);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return; // the same bytes are stored already, under another name or version
                }
            }
        }
        int chunks = (jar.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO artifact_content (sha256, size_bytes, chunk_count) VALUES (?, ?, ?)")) {
            st.setString(1, sha);
            st.setLong(2, jar.length);
            st.setInt(3, chunks);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO artifact_chunks (sha256, chunk_no, data) VALUES (?, ?, ?)")) {
            for (int i = 0; i < chunks; i++) {
                st.setString(1, sha);
                st.setInt(2, i);
                st.setBytes(3, Arrays.copyOfRange(jar, i * CHUNK_BYTES, Math.min(jar.length, (i + 1) * CHUNK_BYTES)));
                st.executeUpdate();
            }
        }
    }

    private static Optional<byte[]> readContent(Connection c, String sha) throws SQLException {
        int expectedChunks;
        try (PreparedStatement st = c.prepareStatement("SELECT chunk_count FROM artifact_content WHERE sha256 = ?")) {
            st.setString(1, sha);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                expectedChunks = rs.getInt(1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunks = 0;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT chunk_no, data FROM artifact_chunks WHERE sha256 = ? ORDER BY chunk_no")) {
            st.setString(1, sha);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) != chunks) {
                        break;
                    }
                    out.writeBytes(rs.getBytes(2));
                    chunks++;
                }
            }
        }
        if (chunks != expectedChunks) {
            throw new StoreException("artifact " + sha + " is corrupt: " + chunks + " of " + expectedChunks
                    + " chunks are readable");
        }
        return Optional.of(out.toByteArray());
    }

    private static Artifact toArtifact(ResultSet rs) throws SQLException {
        return new Artifact(rs.getString("symbolic_name"), rs.getString("version"), rs.getString("sha256"),
                rs.getLong("size_bytes"), Columns.getTime(rs, "stored_at"));
    }

    private static void requireText(String value, String name, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1-" + max + " characters");
        }
    }
}
