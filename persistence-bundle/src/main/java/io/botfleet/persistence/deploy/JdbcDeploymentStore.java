package io.botfleet.persistence.deploy;

import io.botfleet.api.bot.Deployment;
import io.botfleet.api.store.DeploymentStore;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import io.botfleet.persistence.json.PlainDataJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Strategy deployment history ({@code deployments}) and bad versions ({@code bad_versions}). */
public final class JdbcDeploymentStore implements DeploymentStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDeploymentStore.class);
    static final int MAX_HISTORY = 1000;

    private final Database db;

    public JdbcDeploymentStore(Database db) {
        this.db = db;
    }

    @Override
    public void record(Deployment d) {
        Objects.requireNonNull(d, "deployment");
        requireText(d.toStrategyId(), "toStrategyId", 64);
        if (d.fromStrategyId() != null) {
            requireText(d.fromStrategyId(), "fromStrategyId", 64);
        }
        requireText(d.toVersion(), "toVersion", 128);
        if (d.fromVersion() != null) {
            requireText(d.fromVersion(), "fromVersion", 128);
        }
        requireText(d.outcome(), "outcome", 16);
        db.withConnection("record deployment of bot " + d.botId(), c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO deployments (bot_id, strategy_id, "
                    + "from_version, to_version, deployed_at, actor, kind, outcome, detail, from_strategy_id, "
                    + "from_params, to_params) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, d.botId());
                st.setString(2, d.toStrategyId());
                Columns.setText(st, 3, d.fromVersion());
                st.setString(4, d.toVersion());
                Columns.setTime(st, 5, d.at());
                st.setString(6, d.actor());
                st.setString(7, d.kind().name());
                st.setString(8, d.outcome());
                st.setString(9, d.detail());
                Columns.setText(st, 10, d.fromStrategyId());
                Columns.setText(st, 11, d.fromParams() == null ? null : PlainDataJson.write(d.fromParams()));
                Columns.setText(st, 12, d.toParams() == null ? null : PlainDataJson.write(d.toParams()));
                return st.executeUpdate();
            }
        });
    }

    @Override
    public List<Deployment> history(String botId) {
        if (botId == null) {
            return List.of();
        }
        return db.withConnection("read deployments of bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT * FROM deployments WHERE bot_id = ? ORDER BY row_no DESC")) {
                st.setString(1, botId);
                st.setMaxRows(MAX_HISTORY);
                List<Deployment> history = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        toDeployment(rs, botId, history);
                    }
                }
                return history;
            }
        });
    }

    @Override
    public void markBad(String strategyId, String version, String reason) {
        requireText(strategyId, "strategyId", 64);
        requireText(version, "version", 128);
        String why = reason == null ? "" : reason;
        try {
            db.inTransaction("mark " + strategyId + " " + version + " bad", c -> upsertBad(c, strategyId, version, why));
        } catch (StoreConflictException raced) {
            // marked by someone else between our update and insert: ours is the newer reason
            db.inTransaction("mark " + strategyId + " " + version + " bad", c -> upsertBad(c, strategyId, version, why));
        }
    }

    @Override
    public void clearBad(String strategyId, String version) {
        if (strategyId == null || version == null) {
            return;
        }
        db.withConnection("clear bad mark of " + strategyId + " " + version, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM bad_versions WHERE strategy_id = ? AND version = ?")) {
                st.setString(1, strategyId);
                st.setString(2, version);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, String> badVersions(String strategyId) {
        if (strategyId == null) {
            return Map.of();
        }
        return db.withConnection("read bad versions of " + strategyId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT version, reason FROM bad_versions WHERE strategy_id = ? ORDER BY marked_at, version")) {
                st.setString(1, strategyId);
                Map<String, String> bad = new LinkedHashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        bad.put(rs.getString("version"), rs.getString("reason"));
                    }
                }
                return bad;
            }
        });
    }

    private static Void upsertBad(Connection c, String strategyId, String version, String reason) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE bad_versions SET reason = ?, marked_at = ? WHERE strategy_id = ? AND version = ?")) {
            update.setString(1, reason);
            Columns.setTime(update, 2, now);
            update.setString(3, strategyId);
            update.setString(4, version);
            if (update.executeUpdate() > 0) {
                return null;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO bad_versions (strategy_id, version, reason, marked_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, strategyId);
            insert.setString(2, version);
            insert.setString(3, reason);
            Columns.setTime(insert, 4, now);
            insert.executeUpdate();
        }
        return null;
    }

    /** A row whose kind this version does not know is skipped with a warning, not fatal to the list. */
    private static void toDeployment(ResultSet rs, String botId, List<Deployment> into) throws SQLException {
        String kind = rs.getString("kind");
        for (Deployment.Kind known : Deployment.Kind.values()) {
            if (known.name().equals(kind)) {
                String to = rs.getString("strategy_id");
                String fromVersion = rs.getString("from_version");
                String from = rs.getString("from_strategy_id");
                // rows from before strategy moves: a version change within one strategy
                String fromStrategy = from != null || fromVersion == null ? from : to;
                into.add(new Deployment(botId, fromStrategy, to, fromVersion, rs.getString("to_version"),
                        params(rs, "from_params"), params(rs, "to_params"), Columns.getTime(rs, "deployed_at"),
                        rs.getString("actor"), known, rs.getString("outcome"), rs.getString("detail")));
                return;
            }
        }
        LOG.warn("deployment row {} of bot {} has unknown kind '{}'; skipped", rs.getLong("row_no"), botId, kind);
    }

    private static Map<String, Object> params(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        if (json == null) {
            return null;
        }
        try {
            return PlainDataJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new SQLException("column " + column + " holds invalid JSON: " + e.getMessage(), "22000", e);
        }
    }

    private static void requireText(String value, String name, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1-" + max + " characters");
        }
    }
}
