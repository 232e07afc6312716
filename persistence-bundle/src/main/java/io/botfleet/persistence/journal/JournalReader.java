package io.botfleet.persistence.journal;

import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.Position;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import io.botfleet.persistence.json.PlainDataJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** The journal's synchronous reads, for recovery and the API. */
final class JournalReader {

    static final int MAX_LIMIT = 10_000;

    private static final String ORDER_COLUMNS = "client_order_id, bot_id, exchange_order_id, symbol, side, "
            + "order_type, qty, price, status, filled_qty, avg_fill_price, created_at, updated_at, reason";
    private static final String OPEN_STATUSES = "('PENDING_SEND', 'NEW', 'PARTIALLY_FILLED')";

    private final Database db;

    JournalReader(Database db) {
        this.db = db;
    }

    Optional<BotProgress> progress(String botId) {
        return db.withConnection("read progress of bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM bot_progress WHERE bot_id = ?")) {
                st.setString(1, botId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(toProgress(rs)) : Optional.empty();
                }
            }
        });
    }

    Optional<StrategyCheckpoint> lastCheckpoint(String botId) {
        return checkpoint(botId, "SELECT * FROM bot_checkpoints WHERE bot_id = ?", null);
    }

    Optional<StrategyCheckpoint> lastCheckpoint(String botId, String strategyId) {
        return checkpoint(botId, "SELECT * FROM bot_strategy_checkpoints WHERE bot_id = ? AND strategy_id = ?",
                strategyId);
    }

    private Optional<StrategyCheckpoint> checkpoint(String botId, String query, String strategyId) {
        return db.withConnection("read checkpoint of bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement(query)) {
                st.setString(1, botId);
                if (strategyId != null) {
                    st.setString(2, strategyId);
                }
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StrategyCheckpoint(botId, rs.getString("strategy_id"),
                            rs.getString("strategy_version"), Columns.getTime(rs, "last_candle_time"),
                            json(rs, "snapshot"), Columns.getTime(rs, "taken_at")));
                }
            }
        });
    }

    List<BotOrder> orders(String botId, boolean openOnly, int limit) {
        int max = Columns.checkLimit(limit, MAX_LIMIT);
        String sql = "SELECT " + ORDER_COLUMNS + " FROM bot_orders WHERE bot_id = ?"
                + (openOnly ? " AND status IN " + OPEN_STATUSES : "") + " ORDER BY row_no DESC";
        return db.withConnection("read orders of bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, botId);
                st.setMaxRows(max);
                List<BotOrder> orders = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        orders.add(toOrder(rs));
                    }
                }
                return orders;
            }
        });
    }

    /** Every unfinished order of a bot, oldest first: no row limit, a start must settle them all. */
    List<BotOrder> unfinishedOrders(String botId) {
        String sql = "SELECT " + ORDER_COLUMNS + " FROM bot_orders WHERE bot_id = ? AND status IN "
                + OPEN_STATUSES + " ORDER BY row_no";
        return db.withConnection("read unfinished orders of bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, botId);
                List<BotOrder> orders = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        orders.add(toOrder(rs));
                    }
                }
                return orders;
            }
        });
    }

    Optional<BotOrder> order(String clientOrderId) {
        return db.withConnection("read order " + clientOrderId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + ORDER_COLUMNS + " FROM bot_orders WHERE client_order_id = ?")) {
                st.setString(1, clientOrderId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(toOrder(rs)) : Optional.empty();
                }
            }
        });
    }

    List<OrderStatusChange> statusHistory(String clientOrderId) {
        return db.withConnection("read status history of order " + clientOrderId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT status, filled_qty, changed_at, reason "
                    + "FROM order_status_history WHERE client_order_id = ? ORDER BY row_no")) {
                st.setString(1, clientOrderId);
                List<OrderStatusChange> changes = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new OrderStatusChange(clientOrderId, Columns.getEnum(rs, "status", OrderStatus.class),
                                Columns.getMoney(rs, "filled_qty"), Columns.getTime(rs, "changed_at"),
                                rs.getString("reason")));
                    }
                }
                return changes;
            }
        });
    }

    List<BotFill> fills(String botId, int limit) {
        int max = Columns.checkLimit(limit, MAX_LIMIT);
        return db.withConnection("read fills of bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT * FROM bot_fills WHERE bot_id = ? ORDER BY row_no DESC")) {
                st.setString(1, botId);
                st.setMaxRows(max);
                List<BotFill> fills = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        fills.add(new BotFill(botId, rs.getString("exec_id"), rs.getString("client_order_id"),
                                Columns.getEnum(rs, "side", OrderSide.class), Columns.getMoney(rs, "qty"),
                                Columns.getMoney(rs, "price"), Columns.getMoney(rs, "fee"),
                                rs.getString("fee_currency"), Columns.getTime(rs, "exec_time")));
                    }
                }
                return fills;
            }
        });
    }

    List<BotEvent> events(String botId, int limit) {
        int max = Columns.checkLimit(limit, MAX_LIMIT);
        return db.withConnection("read events of bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT * FROM bot_events WHERE bot_id = ? ORDER BY row_no DESC")) {
                st.setString(1, botId);
                st.setMaxRows(max);
                List<BotEvent> events = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        events.add(new BotEvent(botId, Columns.getTime(rs, "event_time"),
                                Columns.getEnum(rs, "event_type", BotEvent.Type.class), rs.getString("message")));
                    }
                }
                return events;
            }
        });
    }

    private static BotProgress toProgress(ResultSet rs) throws SQLException {
        BotCounters counters = new BotCounters(rs.getLong("candles"), rs.getLong("signals"),
                rs.getLong("orders_sent"), rs.getLong("fills"), rs.getLong("rejected"), rs.getLong("errors"));
        Position position = new Position(Columns.getMoney(rs, "position_qty"),
                Columns.getMoney(rs, "position_avg_price"), Columns.getMoney(rs, "unrealized_pnl"),
                Columns.getMoney(rs, "realized_pnl"));
        return new BotProgress(rs.getString("bot_id"), Columns.getTime(rs, "last_candle_time"), counters,
                position, rs.getLong("next_order_seq"), json(rs, "risk_state"));
    }

    private static BotOrder toOrder(ResultSet rs) throws SQLException {
        return new BotOrder(rs.getString("bot_id"), rs.getString("client_order_id"),
                rs.getString("exchange_order_id"), rs.getString("symbol"), Columns.getEnum(rs, "side", OrderSide.class),
                Columns.getEnum(rs, "order_type", OrderType.class), Columns.getMoney(rs, "qty"),
                Columns.getMoney(rs, "price"), Columns.getEnum(rs, "status", OrderStatus.class),
                Columns.getMoney(rs, "filled_qty"), Columns.getMoney(rs, "avg_fill_price"),
                Columns.getTime(rs, "created_at"), Columns.getTime(rs, "updated_at"), rs.getString("reason"));
    }

    private static Map<String, Object> json(ResultSet rs, String column) throws SQLException {
        try {
            return PlainDataJson.read(rs.getString(column));
        } catch (IllegalArgumentException e) {
            throw new SQLException("column " + column + " holds invalid JSON: " + e.getMessage(), "22000", e);
        }
    }
}
