package io.botfleet.persistence.journal;

import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.Position;
import io.botfleet.api.notify.NotificationTypes;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.notify.OutboxRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The journal's row writes. Upserts are an UPDATE followed by an INSERT when nothing matched:
 * portable across H2 and PostgreSQL, and race-free because one writer thread owns each bot.
 */
final class JournalRows {

    private static final String UPDATE_PROGRESS = "UPDATE bot_progress SET last_candle_time = ?, candles = ?, "
            + "signals = ?, orders_sent = ?, fills = ?, rejected = ?, errors = ?, position_qty = ?, "
            + "position_avg_price = ?, unrealized_pnl = ?, realized_pnl = ?, next_order_seq = ?, risk_state = ?, "
            + "updated_at = ? WHERE bot_id = ?";
    private static final String INSERT_PROGRESS = "INSERT INTO bot_progress (last_candle_time, candles, signals, "
            + "orders_sent, fills, rejected, errors, position_qty, position_avg_price, unrealized_pnl, realized_pnl, "
            + "next_order_seq, risk_state, updated_at, bot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_ORDER = "UPDATE bot_orders SET exchange_order_id = ?, symbol = ?, side = ?, "
            + "order_type = ?, qty = ?, price = ?, status = ?, filled_qty = ?, avg_fill_price = ?, created_at = ?, "
            + "updated_at = ?, reason = ? WHERE client_order_id = ? AND bot_id = ?";
    private static final String INSERT_ORDER = "INSERT INTO bot_orders (exchange_order_id, symbol, side, order_type, "
            + "qty, price, status, filled_qty, avg_fill_price, created_at, updated_at, reason, client_order_id, bot_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_HISTORY = "INSERT INTO order_status_history (client_order_id, status, "
            + "filled_qty, changed_at, reason) VALUES (?, ?, ?, ?, ?)";
    private static final String FILL_EXISTS = "SELECT 1 FROM bot_fills WHERE bot_id = ? AND exec_id = ?";
    private static final String INSERT_FILL = "INSERT INTO bot_fills (bot_id, exec_id, client_order_id, side, qty, "
            + "price, fee, fee_currency, exec_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_CHECKPOINT = "UPDATE bot_checkpoints SET strategy_id = ?, "
            + "strategy_version = ?, last_candle_time = ?, snapshot = ?, taken_at = ? WHERE bot_id = ?";
    private static final String INSERT_CHECKPOINT = "INSERT INTO bot_checkpoints (strategy_id, strategy_version, "
            + "last_candle_time, snapshot, taken_at, bot_id) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_STRATEGY_CHECKPOINT = "UPDATE bot_strategy_checkpoints SET strategy_version = ?, "
            + "last_candle_time = ?, snapshot = ?, taken_at = ? WHERE bot_id = ? AND strategy_id = ?";
    private static final String INSERT_STRATEGY_CHECKPOINT = "INSERT INTO bot_strategy_checkpoints (strategy_version, "
            + "last_candle_time, snapshot, taken_at, bot_id, strategy_id) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_EVENT = "INSERT INTO bot_events (bot_id, event_time, event_type, message) "
            + "VALUES (?, ?, ?, ?)";

    private JournalRows() {
    }

    /**
     * Writes the notification an event is, if any, to the outbox: in the transaction that records
     * the event, so that an event committed is an event notified and a rolled-back one is not. The
     * event's kind goes with the message; the event log keeps type and message only (a read-back
     * event has its type's typical kind), so the outbox is where the kind is known for sure.
     */
    static void notifyEvent(JournalStatements sql, BotEvent event) throws SQLException {
        Optional<String> type = NotificationTypes.of(event);
        if (type.isPresent()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("event", event.type().name());
            data.put("kind", event.kind().name());
            PreparedStatement st = sql.get(OutboxRows.INSERT);
            OutboxRows.bind(st, type.get(), event.time(), event.botId(), event.message(), data);
            st.executeUpdate();
        }
    }

    /** Writes a fill's notification to the outbox, in the transaction that applies the fill. */
    static void notifyFill(JournalStatements sql, BotFill f) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("execId", f.execId());
        data.put("clientOrderId", f.clientOrderId());
        data.put("side", f.side().name());
        data.put("qty", f.qty().toPlainString());
        data.put("price", f.price().toPlainString());
        data.put("fee", f.fee().toPlainString());
        data.put("feeCurrency", f.feeCurrency());
        String message = f.side().name() + " " + f.qty().toPlainString() + " @ " + f.price().toPlainString()
                + " (order " + f.clientOrderId() + ")";
        PreparedStatement st = sql.get(OutboxRows.INSERT);
        OutboxRows.bind(st, NotificationTypes.FILL, f.time(), f.botId(), message, data);
        st.executeUpdate();
    }

    static void saveProgress(JournalStatements sql, ProgressRow row) throws SQLException {
        if (row == null) {
            return;
        }
        if (bindProgress(sql.get(UPDATE_PROGRESS), row).executeUpdate() == 0) {
            bindProgress(sql.get(INSERT_PROGRESS), row).executeUpdate();
        }
    }

    private static PreparedStatement bindProgress(PreparedStatement st, ProgressRow row) throws SQLException {
        var p = row.progress();
        BotCounters n = p.counters();
        Position pos = p.position();
        Columns.setTime(st, 1, p.lastCandleTime());
        st.setLong(2, n.candles());
        st.setLong(3, n.signals());
        st.setLong(4, n.orders());
        st.setLong(5, n.fills());
        st.setLong(6, n.rejected());
        st.setLong(7, n.errors());
        Columns.setMoney(st, 8, pos.qty());
        Columns.setMoney(st, 9, pos.avgPrice());
        Columns.setMoney(st, 10, pos.unrealizedPnl());
        Columns.setMoney(st, 11, pos.realizedPnl());
        st.setLong(12, p.nextOrderSeq());
        st.setString(13, row.riskStateJson());
        Columns.setTime(st, 14, Instant.now());
        st.setString(15, p.botId());
        return st;
    }

    /**
     * Inserts an intent; a client order id stored before (by any bot) is a conflict. The intent
     * itself is not copied into the status history: the order row holds it (PENDING_SEND at
     * {@code created_at}), and the hot path saves two index inserts per order.
     */
    static void insertOrder(JournalStatements sql, BotOrder order) throws SQLException {
        bindOrder(sql.get(INSERT_ORDER), order).executeUpdate();
    }

    static void saveOrder(JournalStatements sql, BotOrder order) throws SQLException {
        if (order == null) {
            return;
        }
        if (bindOrder(sql.get(UPDATE_ORDER), order).executeUpdate() == 0) {
            // Unknown to the journal (normally the intent came first): keep it rather than lose it.
            bindOrder(sql.get(INSERT_ORDER), order).executeUpdate();
        }
        insertHistory(sql, order);
    }

    private static PreparedStatement bindOrder(PreparedStatement st, BotOrder o) throws SQLException {
        Columns.setText(st, 1, o.exchangeOrderId());
        st.setString(2, o.symbol());
        st.setString(3, o.side().name());
        st.setString(4, o.type().name());
        Columns.setMoney(st, 5, o.qty());
        Columns.setMoney(st, 6, o.price());
        st.setString(7, o.status().name());
        Columns.setMoney(st, 8, o.filledQty());
        Columns.setMoney(st, 9, o.avgFillPrice());
        Columns.setTime(st, 10, o.createdAt());
        Columns.setTime(st, 11, o.updatedAt());
        Columns.setText(st, 12, o.reason());
        st.setString(13, o.clientOrderId());
        st.setString(14, o.botId());
        return st;
    }

    private static void insertHistory(JournalStatements sql, BotOrder o) throws SQLException {
        PreparedStatement st = sql.get(INSERT_HISTORY);
        st.setString(1, o.clientOrderId());
        st.setString(2, o.status().name());
        Columns.setMoney(st, 3, o.filledQty());
        Columns.setTime(st, 4, o.updatedAt());
        Columns.setText(st, 5, o.reason());
        st.executeUpdate();
    }

    static boolean fillExists(JournalStatements sql, BotFill fill) throws SQLException {
        PreparedStatement st = sql.get(FILL_EXISTS);
        st.setString(1, fill.botId());
        st.setString(2, fill.execId());
        try (ResultSet rs = st.executeQuery()) {
            return rs.next();
        }
    }

    static void insertFill(JournalStatements sql, BotFill f) throws SQLException {
        PreparedStatement st = sql.get(INSERT_FILL);
        st.setString(1, f.botId());
        st.setString(2, f.execId());
        st.setString(3, f.clientOrderId());
        st.setString(4, f.side().name());
        Columns.setMoney(st, 5, f.qty());
        Columns.setMoney(st, 6, f.price());
        Columns.setMoney(st, 7, f.fee());
        st.setString(8, f.feeCurrency());
        Columns.setTime(st, 9, f.time());
        st.executeUpdate();
    }

    static void saveCheckpoint(JournalStatements sql, StrategyCheckpoint cp, String snapshotJson) throws SQLException {
        if (bindCheckpoint(sql.get(UPDATE_CHECKPOINT), cp, snapshotJson).executeUpdate() == 0) {
            bindCheckpoint(sql.get(INSERT_CHECKPOINT), cp, snapshotJson).executeUpdate();
        }
        // the same checkpoint as that strategy's own, kept when the bot moves to another one
        if (bindStrategyCheckpoint(sql.get(UPDATE_STRATEGY_CHECKPOINT), cp, snapshotJson).executeUpdate() == 0) {
            bindStrategyCheckpoint(sql.get(INSERT_STRATEGY_CHECKPOINT), cp, snapshotJson).executeUpdate();
        }
    }

    private static PreparedStatement bindStrategyCheckpoint(PreparedStatement st, StrategyCheckpoint cp, String json)
            throws SQLException {
        st.setString(1, cp.strategyVersion());
        Columns.setTime(st, 2, cp.lastCandleTime());
        st.setString(3, json);
        Columns.setTime(st, 4, cp.takenAt());
        st.setString(5, cp.botId());
        st.setString(6, cp.strategyId());
        return st;
    }

    private static PreparedStatement bindCheckpoint(PreparedStatement st, StrategyCheckpoint cp, String json)
            throws SQLException {
        st.setString(1, cp.strategyId());
        st.setString(2, cp.strategyVersion());
        Columns.setTime(st, 3, cp.lastCandleTime());
        st.setString(4, json);
        Columns.setTime(st, 5, cp.takenAt());
        st.setString(6, cp.botId());
        return st;
    }

    static void insertEvent(JournalStatements sql, BotEvent event) throws SQLException {
        PreparedStatement st = sql.get(INSERT_EVENT);
        st.setString(1, event.botId());
        Columns.setTime(st, 2, event.time());
        st.setString(3, event.type().name());
        st.setString(4, event.message());
        st.executeUpdate();
    }
}
