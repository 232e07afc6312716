package io.botfleet.persistence.install;

import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.persistence.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Installation-wide values in table {@code installation}. {@link #getOrCreate} is race-free across
 * threads, and across nodes sharing one database: the primary key decides which insert wins, and
 * the losers read the winner's value.
 */
public final class JdbcInstallationStore implements InstallationStore {

    private final Database db;

    public JdbcInstallationStore(Database db) {
        this.db = db;
    }

    @Override
    public String getOrCreate(String name, String initial) {
        requireName(name);
        Objects.requireNonNull(initial, "initial");
        Optional<String> existing = get(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            db.withConnection("store installation value " + name, c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO installation (name, stored_value) VALUES (?, ?)")) {
                    st.setString(1, name);
                    st.setString(2, initial);
                    return st.executeUpdate();
                }
            });
            return initial;
        } catch (StoreConflictException lostTheRace) {
            return get(name).orElseThrow(() -> lostTheRace);
        }
    }

    @Override
    public Optional<String> get(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return db.withConnection("read installation value " + name, c -> read(c, name));
    }

    @Override
    public boolean remove(String name) {
        requireName(name);
        return db.withConnection("remove installation value " + name, c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM installation WHERE name = ?")) {
                st.setString(1, name);
                return st.executeUpdate() > 0;
            }
        });
    }

    private static Optional<String> read(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT stored_value FROM installation WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new IllegalArgumentException("installation value name must be 1-128 characters");
        }
    }
}
