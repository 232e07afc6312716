package io.botfleet.persistence.backtest;

import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.persistence.db.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills and trades of runs stored before results went to pages (schema version 10): one row
 * each in {@code backtest_fills} and {@code backtest_trades}, read only. Kept so an upgrade loses
 * no stored backtest; nothing writes these tables any more.
 */
final class LegacyRunRows {

    private LegacyRunRows() {
    }

    /** Up to {@code max} fills after seq {@code offset}, oldest first. */
    static List<RunFill> fills(Connection c, String id, int n, int offset, int max) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT seq, side, qty, price, fee, fee_currency, fill_time,"
                + " candle_time FROM backtest_fills WHERE backtest_id = ? AND n = ? AND seq > ? ORDER BY seq")) {
            bind(st, id, n, offset, max);
            try (ResultSet rs = st.executeQuery()) {
                List<RunFill> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new RunFill(rs.getInt("seq"), OrderSide.valueOf(rs.getString("side")),
                            Columns.getMoney(rs, "qty"), Columns.getMoney(rs, "price"), Columns.getMoney(rs, "fee"),
                            rs.getString("fee_currency"), Columns.getTime(rs, "fill_time"),
                            Columns.getTime(rs, "candle_time")));
                }
                return out;
            }
        }
    }

    /** Up to {@code max} trades after seq {@code offset}, oldest first. */
    static List<RunTrade> trades(Connection c, String id, int n, int offset, int max) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT seq, direction, entry_time, exit_time, qty,"
                + " entry_price, exit_price, pnl, fees, fills FROM backtest_trades"
                + " WHERE backtest_id = ? AND n = ? AND seq > ? ORDER BY seq")) {
            bind(st, id, n, offset, max);
            try (ResultSet rs = st.executeQuery()) {
                List<RunTrade> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new RunTrade(rs.getInt("seq"), rs.getString("direction"),
                            Columns.getTime(rs, "entry_time"), Columns.getTime(rs, "exit_time"),
                            Columns.getMoney(rs, "qty"), Columns.getMoney(rs, "entry_price"),
                            Columns.getMoney(rs, "exit_price"), Columns.getMoney(rs, "pnl"),
                            Columns.getMoney(rs, "fees"), rs.getInt("fills")));
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement st, String id, int n, int offset, int max) throws SQLException {
        st.setString(1, id);
        st.setInt(2, n);
        st.setInt(3, Math.max(0, offset));
        st.setMaxRows(max);
    }
}
