package io.botfleet.persistence.notify;

import io.botfleet.api.store.DeliveryCursor;
import io.botfleet.api.store.NotificationOutbox;
import io.botfleet.api.store.OutboxCount;
import io.botfleet.api.store.OutboxMessage;
import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import io.botfleet.persistence.json.PlainDataJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The outbox in tables {@code notification_outbox} and {@code notification_cursor}. */
public final class JdbcNotificationOutbox implements NotificationOutbox {

    static final int MAX_LIMIT = 10_000;

    private final Database db;

    public JdbcNotificationOutbox(Database db) {
        this.db = db;
    }

    @Override
    public OutboxMessage append(String type, Instant time, String botId, String message, Map<String, Object> data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        return db.inTransaction("append to the notification outbox", c -> {
            try (PreparedStatement st = OutboxRows.prepare(c)) {
                Instant writtenAt = Columns.truncate(Instant.now());
                String deliveryId = OutboxRows.bind(st, type, time, botId, message, data, writtenAt);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StoreException("the outbox gave no sequence number");
                    }
                    return new OutboxMessage(keys.getLong(1), deliveryId, type, Columns.truncate(time), botId,
                            message, data, writtenAt);
                }
            }
        });
    }

    @Override
    public List<OutboxMessage> after(long seq, int limit) {
        int max = Columns.checkLimit(limit, MAX_LIMIT);
        return db.withConnection("read the notification outbox", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT seq, delivery_id, event_type, occurred_at, bot_id, "
                    + "message, data, written_at FROM notification_outbox WHERE seq > ? ORDER BY seq")) {
                st.setLong(1, seq);
                st.setMaxRows(max);
                List<OutboxMessage> messages = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        messages.add(new OutboxMessage(rs.getLong("seq"), rs.getString("delivery_id"),
                                rs.getString("event_type"), Columns.getTime(rs, "occurred_at"), rs.getString("bot_id"),
                                rs.getString("message"), PlainDataJson.read(rs.getString("data")),
                                Columns.getTime(rs, "written_at")));
                    }
                }
                return messages;
            }
        });
    }

    @Override
    public List<OutboxCount> countAfter(long seq) {
        return db.withConnection("count the notification outbox", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT event_type, bot_id, COUNT(*) AS n FROM "
                    + "notification_outbox WHERE seq > ? GROUP BY event_type, bot_id")) {
                st.setLong(1, seq);
                List<OutboxCount> counts = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new OutboxCount(rs.getString("event_type"), rs.getString("bot_id"), rs.getLong("n")));
                    }
                }
                return counts;
            }
        });
    }

    @Override
    public long lastSeq() {
        return db.withConnection("read the notification outbox", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT MAX(seq) FROM notification_outbox");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public Optional<DeliveryCursor> cursor(String target) {
        return db.withConnection("read a notification cursor", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT last_seq, delivered, failed, last_delivered_at, "
                    + "last_error FROM notification_cursor WHERE target = ?")) {
                st.setString(1, target);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new DeliveryCursor(target, rs.getLong("last_seq"), rs.getLong("delivered"),
                            rs.getLong("failed"), Columns.getTime(rs, "last_delivered_at"), rs.getString("last_error")));
                }
            }
        });
    }

    @Override
    public void saveCursor(DeliveryCursor cursor) {
        db.inTransaction("save a notification cursor", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE notification_cursor SET last_seq = ?, "
                    + "delivered = ?, failed = ?, last_delivered_at = ?, last_error = ? WHERE target = ?")) {
                if (bind(update, cursor).executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO notification_cursor (last_seq, "
                            + "delivered, failed, last_delivered_at, last_error, target) VALUES (?, ?, ?, ?, ?, ?)")) {
                        bind(insert, cursor).executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private static PreparedStatement bind(PreparedStatement st, DeliveryCursor cursor) throws SQLException {
        st.setLong(1, cursor.lastSeq());
        st.setLong(2, cursor.delivered());
        st.setLong(3, cursor.failed());
        Columns.setTime(st, 4, cursor.lastDeliveredAt());
        Columns.setText(st, 5, cursor.lastError());
        st.setString(6, cursor.target());
        return st;
    }

    @Override
    public int prune(Instant time) {
        return db.inTransaction("prune the notification outbox", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM notification_outbox WHERE written_at < ?")) {
                Columns.setTime(st, 1, time);
                return st.executeUpdate();
            }
        });
    }
}
