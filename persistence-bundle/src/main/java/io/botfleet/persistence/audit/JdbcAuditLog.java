package io.botfleet.persistence.audit;

import io.botfleet.api.store.AuditEntry;
import io.botfleet.api.store.AuditLog;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The audit log in table {@code audit_log}; append-only, newest first by insertion order. */
public final class JdbcAuditLog implements AuditLog {

    static final int MAX_LIMIT = 10_000;

    private final Database db;

    public JdbcAuditLog(Database db) {
        this.db = db;
    }

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        db.withConnection("append to the audit log", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO audit_log (logged_at, actor, action, target, "
                    + "outcome, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                Columns.setTime(st, 1, entry.time());
                st.setString(2, clip(entry.actor(), 128));
                st.setString(3, clip(entry.action(), 255));
                st.setString(4, clip(entry.target(), 255));
                st.setString(5, clip(entry.outcome(), 255));
                st.setString(6, entry.detail());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AuditEntry> list(String target, int limit) {
        int max = Columns.checkLimit(limit, MAX_LIMIT);
        String sql = "SELECT logged_at, actor, action, target, outcome, detail FROM audit_log"
                + (target == null ? "" : " WHERE target = ?") + " ORDER BY row_no DESC";
        return db.withConnection("read the audit log", c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                if (target != null) {
                    st.setString(1, target);
                }
                st.setMaxRows(max);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new AuditEntry(Columns.getTime(rs, "logged_at"), rs.getString("actor"),
                                rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                                rs.getString("detail")));
                    }
                }
                return entries;
            }
        });
    }

    /** An audit entry is never lost for being long: over-long short fields are cut, marked with an ellipsis. */
    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "\u2026";
    }
}
