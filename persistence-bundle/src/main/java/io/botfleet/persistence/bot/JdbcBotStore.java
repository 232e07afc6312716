package io.botfleet.persistence.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.json.BotConfigJson;
import io.botfleet.api.store.BotStore;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoredBot;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bots in table {@code bots}. A delete is soft: the row stays, with {@code live_id} cleared, so the
 * bot's key (an identity value, never reused) and its history survive, and a new bot may take the
 * id. {@code live_id} carries the unique constraint because neither database of ours shares a
 * portable partial index: NULLs do not collide.
 */
public final class JdbcBotStore implements BotStore {

    private static final String COLUMNS =
            "bot_key, bot_id, config, desired_state, row_version, created_at, updated_at";

    private final Database db;

    public JdbcBotStore(Database db) {
        this.db = db;
    }

    @Override
    public StoredBot create(BotConfig config, DesiredState desiredState) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(desiredState, "desiredState");
        String json = BotConfigJson.write(config);
        Instant now = Columns.truncate(Instant.now());
        try {
            return db.inTransaction("create bot " + config.id(), c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO bots (bot_id, live_id, config, "
                        + "desired_state, row_version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
                        new String[] {"bot_key"})) {
                    st.setString(1, config.id());
                    st.setString(2, config.id());
                    st.setString(3, json);
                    st.setString(4, desiredState.name());
                    Columns.setTime(st, 5, now);
                    Columns.setTime(st, 6, now);
                    st.executeUpdate();
                    try (ResultSet keys = st.getGeneratedKeys()) {
                        keys.next();
                        return new StoredBot(config.id(), keys.getLong(1), config, json, null, desiredState,
                                1, now, now);
                    }
                }
            });
        } catch (StoreConflictException e) {
            throw new StoreConflictException("a bot with id '" + config.id() + "' exists");
        }
    }

    @Override
    public StoredBot update(BotConfig config, long expectedVersion) {
        Objects.requireNonNull(config, "config");
        String json = BotConfigJson.write(config);
        return db.inTransaction("update bot " + config.id(), c -> {
            int updated;
            try (PreparedStatement st = c.prepareStatement("UPDATE bots SET config = ?, "
                    + "row_version = row_version + 1, updated_at = ? WHERE live_id = ? AND row_version = ?")) {
                st.setString(1, json);
                Columns.setTime(st, 2, Instant.now());
                st.setString(3, config.id());
                st.setLong(4, expectedVersion);
                updated = st.executeUpdate();
            }
            Optional<StoredBot> now = find(c, config.id());
            if (updated == 1) {
                return now.orElseThrow();
            }
            throw new StoreConflictException(now
                    .map(bot -> "bot " + config.id() + " was changed meanwhile: it is at version " + bot.version()
                            + ", not " + expectedVersion)
                    .orElse("bot " + config.id() + " does not exist (deleted meanwhile?)"));
        });
    }

    @Override
    public Optional<StoredBot> setDesiredState(String id, DesiredState desiredState) {
        Objects.requireNonNull(desiredState, "desiredState");
        if (id == null) {
            return Optional.empty();
        }
        return db.inTransaction("set desired state of bot " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE bots SET desired_state = ?, "
                    + "row_version = row_version + 1, updated_at = ? WHERE live_id = ?")) {
                st.setString(1, desiredState.name());
                Columns.setTime(st, 2, Instant.now());
                st.setString(3, id);
                if (st.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return find(c, id);
        });
    }

    @Override
    public Optional<StoredBot> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return db.withConnection("find bot " + id, c -> find(c, id));
    }

    @Override
    public List<StoredBot> list() {
        return db.withConnection("list bots", c -> {
            List<StoredBot> bots = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM bots WHERE live_id IS NOT NULL");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    bots.add(toBot(rs));
                }
            }
            // sorted here, not in SQL: PostgreSQL's collation may not order ids the way Java does
            bots.sort(Comparator.comparing(StoredBot::id));
            return bots;
        });
    }

    @Override
    public boolean delete(String id) {
        if (id == null) {
            return false;
        }
        return db.inTransaction("delete bot " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE bots SET live_id = NULL, deleted_at = ?, "
                    + "updated_at = ?, row_version = row_version + 1 WHERE live_id = ?")) {
                Instant now = Instant.now();
                Columns.setTime(st, 1, now);
                Columns.setTime(st, 2, now);
                st.setString(3, id);
                if (st.executeUpdate() == 0) {
                    return false;
                }
            }
            // A bot created later under the same id starts afresh; orders, fills, events and
            // deployments stay as history.
            for (String table : List.of("bot_progress", "bot_checkpoints", "bot_strategy_checkpoints")) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE bot_id = ?")) {
                    st.setString(1, id);
                    st.executeUpdate();
                }
            }
            return true;
        });
    }

    private Optional<StoredBot> find(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM bots WHERE live_id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(toBot(rs)) : Optional.empty();
            }
        }
    }

    /** A row as a bot; whatever is wrong with the stored row becomes its invalidReason. */
    private static StoredBot toBot(ResultSet rs) throws SQLException {
        String id = rs.getString("bot_id");
        String raw = rs.getString("config");
        String storedState = rs.getString("desired_state");
        DesiredState desired = parseDesiredState(storedState);
        BotConfig config = null;
        String reason = null;
        if (desired == null) {
            desired = DesiredState.STOPPED;
            reason = "unknown desired state '" + storedState + "'";
        } else {
            try {
                config = BotConfigJson.readStored(raw);
                if (!config.id().equals(id)) {
                    reason = "stored configuration has id '" + config.id() + "', not '" + id + "'";
                    config = null;
                }
            } catch (InvalidBotConfigException e) {
                reason = e.getMessage();
            }
        }
        return new StoredBot(id, rs.getLong("bot_key"), config, raw == null ? "" : raw, reason, desired,
                rs.getLong("row_version"), Columns.getTime(rs, "created_at"), Columns.getTime(rs, "updated_at"));
    }

    private static DesiredState parseDesiredState(String stored) {
        for (DesiredState state : DesiredState.values()) {
            if (state.name().equals(stored)) {
                return state;
            }
        }
        return null;
    }
}
