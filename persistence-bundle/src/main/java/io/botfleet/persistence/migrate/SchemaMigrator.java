package io.botfleet.persistence.migrate;

import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the newest schema version this bundle knows, recording each applied
 * version in {@code schema_version} with the checksum of its statements. A database at a higher
 * version than the bundle knows is refused with {@link SchemaTooNewException} and left untouched;
 * one whose applied migrations no longer match the bundle's scripts (a shipped script was edited)
 * is refused with {@link EditedMigrationException}, naming the script. Versions applied before
 * checksums were recorded get the current script's checksum the first time they are checked.
 *
 * <p>Each migration runs in its own transaction (PostgreSQL rolls DDL back on failure; H2 commits
 * DDL as it goes, so a failed H2 migration may leave part of it behind and is reported as such).
 * When two nodes migrate one PostgreSQL database at once, the loser's insert into
 * {@code schema_version} collides; it re-reads the version and carries on.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final List<Migration> migrations;

    public SchemaMigrator(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3... without gaps");
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** Applies what is missing; returns the schema version the database is at afterwards. */
    public int migrate(Database database) {
        int target = migrations.size();
        int current = database.withConnection("read the schema version", this::currentVersion);
        if (current > target) {
            throw new SchemaTooNewException(current, target);
        }
        database.withConnection("check the applied schema migrations", c -> {
            verifyApplied(c, current);
            return null;
        });
        for (Migration migration : migrations.subList(current, target)) {
            apply(database, migration);
        }
        return target;
    }

    /** The version recorded in the database, 0 for an empty one. */
    public int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            // added after the first release: databases created before it lack the column
            st.execute("ALTER TABLE schema_version ADD COLUMN IF NOT EXISTS checksum VARCHAR(64)");
            try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void verifyApplied(Connection c, int current) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT version, checksum FROM schema_version WHERE version <= ? ORDER BY version")) {
            select.setInt(1, current);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Migration migration = migrations.get(rs.getInt(1) - 1);
                    String recorded = rs.getString(2);
                    String shipped = migration.checksum();
                    if (recorded == null) {
                        record(c, migration.version(), shipped);
                    } else if (!recorded.equals(shipped)) {
                        throw new EditedMigrationException(migration, recorded, shipped);
                    }
                }
            }
        }
    }

    private static void record(Connection c, int version, String checksum) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE schema_version SET checksum = ? WHERE version = ? AND checksum IS NULL")) {
            update.setString(1, checksum);
            update.setInt(2, version);
            update.executeUpdate();
        }
        LOG.info("schema migration {} applied before checksums were kept: recorded its checksum", version);
    }

    private void apply(Database database, Migration migration) {
        List<String> statements = migration.statements();
        try {
            database.inTransaction("apply schema migration " + migration.version(), c -> {
                if (currentVersion(c) >= migration.version()) {
                    return null; // another node applied it meanwhile
                }
                try (Statement st = c.createStatement()) {
                    for (String sql : statements) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO schema_version "
                        + "(version, description, applied_at, checksum) VALUES (?, ?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    Columns.setTime(insert, 3, Instant.now());
                    insert.setString(4, Migration.checksum(statements));
                    insert.executeUpdate();
                }
                return null;
            });
            LOG.info("database schema migrated to version {} ({})", migration.version(), migration.description());
        } catch (StoreException e) {
            int now = database.withConnection("read the schema version", this::currentVersion);
            if (now >= migration.version()) {
                LOG.info("schema migration {} was applied concurrently by another node", migration.version());
                return;
            }
            throw new StoreException(e.getMessage() + " (" + migration.description() + ")", e);
        }
    }
}
