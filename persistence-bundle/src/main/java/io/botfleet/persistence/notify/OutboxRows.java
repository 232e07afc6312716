package io.botfleet.persistence.notify;

import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.json.PlainDataJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The outbox's row insert, shared by the journal (inside its batch) and the outbox store. */
public final class OutboxRows {

    public static final String INSERT = "INSERT INTO notification_outbox (delivery_id, event_type, occurred_at, bot_id, "
            + "message, data, written_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private OutboxRows() {
    }

    /** Binds an insert of a new message written now; returns its delivery id. */
    public static String bind(PreparedStatement st, String type, Instant time, String botId, String message,
                              Map<String, Object> data) throws SQLException {
        return bind(st, type, time, botId, message, data, Instant.now());
    }

    /** Binds an insert of a new message written at {@code writtenAt}; returns its delivery id. */
    public static String bind(PreparedStatement st, String type, Instant time, String botId, String message,
                              Map<String, Object> data, Instant writtenAt) throws SQLException {
        String deliveryId = UUID.randomUUID().toString();
        st.setString(1, deliveryId);
        st.setString(2, type);
        Columns.setTime(st, 3, time);
        Columns.setText(st, 4, botId);
        st.setString(5, message == null ? "" : message);
        st.setString(6, PlainDataJson.write(data));
        Columns.setTime(st, 7, writtenAt);
        return deliveryId;
    }

    static PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS);
    }
}
