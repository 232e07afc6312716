package io.botfleet.persistence.backtest;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRun;
import io.botfleet.api.backtest.BacktestState;
import io.botfleet.api.backtest.BacktestStore;
import io.botfleet.api.backtest.EquityPoint;
import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.api.backtest.SweepProgress;
import io.botfleet.api.backtest.json.BacktestJson;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import io.botfleet.persistence.json.PlainDataJson;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * Backtests in tables {@code backtests}, {@code backtest_runs} (V8), {@code backtest_fill_pages} and
 * {@code backtest_trade_pages} (V10). The request and the reports are kept in their API JSON form; a
 * run's equity curve as {@code epochMillis,equity} lines, its fills and trades as pages of
 * {@value ResultPages#SIZE} text lines ({@link ResultPages}): a sweep's millions of fills are
 * thousands of rows. A run is written in one transaction.
 */
public final class JdbcBacktestStore implements BacktestStore {

    /** Most fills or trades one read returns. */
    public static final int MAX_PAGE = 10_000;
    /** Pages sent to the database in one JDBC batch. */
    private static final int PAGES_PER_BATCH = 16;
    private static final String COLUMNS = "id, state, created_at, started_at, finished_at, actor, request, runs,"
            + " runs_done, candles, candles_done, error";

    private final Database db;

    public JdbcBacktestStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(Backtest b) {
        db.inTransaction("store backtest " + b.id(), c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO backtests (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, b.id());
                st.setString(2, b.state().name());
                Columns.setTime(st, 3, b.createdAt());
                Columns.setTime(st, 4, b.startedAt());
                Columns.setTime(st, 5, b.finishedAt());
                st.setString(6, b.actor());
                st.setString(7, BacktestJson.write(BacktestJson.request(b.request())));
                progress(st, 8, b.progress());
                Columns.setText(st, 12, b.error());
                return st.executeUpdate();
            }
        });
    }

    @Override
    public void update(String id, BacktestState state, Instant startedAt, Instant finishedAt, SweepProgress progress,
                       String error) {
        db.inTransaction("update backtest " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE backtests SET state = ?, started_at = ?,"
                    + " finished_at = ?, runs = ?, runs_done = ?, candles = ?, candles_done = ?, error = ? WHERE id = ?")) {
                st.setString(1, state.name());
                Columns.setTime(st, 2, startedAt);
                Columns.setTime(st, 3, finishedAt);
                st.setInt(4, progress.runs());
                st.setInt(5, progress.runsDone());
                st.setLong(6, progress.candles());
                st.setLong(7, progress.candlesDone());
                Columns.setText(st, 8, error);
                st.setString(9, id);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public boolean addRun(String id, BacktestRun run, List<RunFill> fills, List<RunTrade> trades,
                          List<EquityPoint> equity, SweepProgress progress) {
        return db.inTransaction("store run " + run.n() + " of backtest " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM backtests WHERE id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            ResultPages.requireNumbered(fills, RunFill::seq, "fills");
            ResultPages.requireNumbered(trades, RunTrade::seq, "trades");
            insertRun(c, id, run, equity);
            insertFills(c, id, run.n(), fills);
            insertTrades(c, id, run.n(), trades);
            // the backtest's row last, so that runs stored at once wait for each other only this long;
            // progress only grows, whichever of two runs commits first
            try (PreparedStatement st = c.prepareStatement("UPDATE backtests SET runs_done = GREATEST(runs_done, ?),"
                    + " candles_done = GREATEST(candles_done, ?) WHERE id = ?")) {
                st.setInt(1, progress.runsDone());
                st.setLong(2, progress.candlesDone());
                st.setString(3, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    private static void insertRun(Connection c, String id, BacktestRun run, List<EquityPoint> equity)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO backtest_runs (backtest_id, n, strategy_id,"
                + " version, params, state, error, report, equity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setInt(2, run.n());
            st.setString(3, run.strategy().id());
            st.setString(4, run.strategy().version());
            st.setString(5, PlainDataJson.write(run.strategy().params()));
            st.setString(6, run.state().name());
            Columns.setText(st, 7, run.error());
            st.setString(8, BacktestJson.write(BacktestJson.report(run.report())));
            st.setString(9, EquityText.write(equity));
            st.executeUpdate();
        }
    }

    private static void insertFills(Connection c, String id, int n, List<RunFill> fills) throws SQLException {
        insertPages(c, "backtest_fill_pages", id, n, fills.size(),
                (from, to) -> ResultPages.fills(fills.subList(from, to)));
    }

    private static void insertTrades(Connection c, String id, int n, List<RunTrade> trades) throws SQLException {
        insertPages(c, "backtest_trade_pages", id, n, trades.size(),
                (from, to) -> ResultPages.trades(trades.subList(from, to)));
    }

    /** Writes {@code items} items as pages of {@link ResultPages#SIZE}, each page's body made by {@code body}. */
    private static void insertPages(Connection c, String table, String id, int n, int items, PageBody body)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table + " (backtest_id, n, page_no, first_seq,"
                + " items, body) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int from = 0, page = 0; from < items; from += ResultPages.SIZE, page++) {
                int to = Math.min(items, from + ResultPages.SIZE);
                st.setString(1, id);
                st.setInt(2, n);
                st.setInt(3, page);
                st.setInt(4, from + 1);
                st.setInt(5, to - from);
                st.setString(6, body.text(from, to));
                st.addBatch();
                if (page % PAGES_PER_BATCH == PAGES_PER_BATCH - 1) {
                    st.executeBatch(); // a run of a million fills holds a batch's pages in memory, not all
                }
            }
            st.executeBatch();
        }
    }

    /** The text of items {@code [from, to)} as one page. */
    private interface PageBody {
        String text(int from, int to);
    }

    @Override
    public Optional<Backtest> find(String id) {
        return db.withConnection("read backtest " + id, c -> {
            Backtest head;
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM backtests WHERE id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    head = backtest(rs, List.of());
                }
            }
            List<BacktestRun> runs = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT n, strategy_id, version, params, state, error,"
                    + " report FROM backtest_runs WHERE backtest_id = ? ORDER BY n")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new BacktestRun(rs.getInt("n"), new StrategySpec(rs.getString("strategy_id"),
                                rs.getString("version"), PlainDataJson.read(rs.getString("params"))),
                                Columns.getEnum(rs, "state", BacktestState.class), rs.getString("error"),
                                BacktestJson.readReport(rs.getString("report"))));
                    }
                }
            }
            return Optional.of(new Backtest(head.id(), head.state(), head.createdAt(), head.startedAt(),
                    head.finishedAt(), head.actor(), head.request(), head.progress(), head.error(), runs));
        });
    }

    @Override
    public List<Backtest> list(int limit) {
        int max = Columns.checkLimit(limit, 1000);
        return db.withConnection("list backtests", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM backtests ORDER BY created_at DESC, id DESC")) {
                st.setMaxRows(max);
                try (ResultSet rs = st.executeQuery()) {
                    List<Backtest> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(backtest(rs, List.of()));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public boolean hasRun(String id, int n) {
        return db.withConnection("look up run " + n + " of backtest " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM backtest_runs WHERE backtest_id = ? AND n = ?")) {
                st.setString(1, id);
                st.setInt(2, n);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public List<RunFill> fills(String id, int n, int offset, int limit) {
        int max = Columns.checkLimit(limit, MAX_PAGE);
        return db.withConnection("read fills of backtest " + id, c -> hasPages(c, "backtest_fill_pages", id, n)
                ? readPages(c, "backtest_fill_pages", id, n, offset, max, ResultPages::readFills, RunFill::seq)
                : LegacyRunRows.fills(c, id, n, offset, max));
    }

    @Override
    public List<RunTrade> trades(String id, int n, int offset, int limit) {
        int max = Columns.checkLimit(limit, MAX_PAGE);
        return db.withConnection("read trades of backtest " + id, c -> hasPages(c, "backtest_trade_pages", id, n)
                ? readPages(c, "backtest_trade_pages", id, n, offset, max, ResultPages::readTrades, RunTrade::seq)
                : LegacyRunRows.trades(c, id, n, offset, max));
    }

    /** Whether the run's items are in pages; runs stored before version 10 have rows instead. */
    private static boolean hasPages(Connection c, String table, String id, int n) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM " + table + " WHERE backtest_id = ? AND n = ?"
                + " AND page_no = 0")) {
            st.setString(1, id);
            st.setInt(2, n);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Up to {@code max} items after seq {@code offset}, from the pages that hold them. */
    private static <T> List<T> readPages(Connection c, String table, String id, int n, int offset, int max,
                                         BiFunction<String, Integer, List<T>> read, ToIntFunction<T> seq)
            throws SQLException {
        int after = Math.max(0, offset);
        long last = (long) after + max;
        try (PreparedStatement st = c.prepareStatement("SELECT first_seq, body FROM " + table
                + " WHERE backtest_id = ? AND n = ? AND page_no BETWEEN ? AND ? ORDER BY page_no")) {
            st.setString(1, id);
            st.setInt(2, n);
            st.setInt(3, ResultPages.pageOf(after + 1));
            st.setInt(4, ResultPages.pageOf((int) Math.min(Integer.MAX_VALUE, last)));
            try (ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next() && out.size() < max) {
                    for (T item : read.apply(rs.getString("body"), rs.getInt("first_seq"))) {
                        if (seq.applyAsInt(item) > after && out.size() < max) {
                            out.add(item);
                        }
                    }
                }
                return out;
            }
        }
    }

    @Override
    public List<EquityPoint> equity(String id, int n) {
        return db.withConnection("read equity of backtest " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT equity FROM backtest_runs WHERE backtest_id = ?"
                    + " AND n = ?")) {
                st.setString(1, id);
                st.setInt(2, n);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? EquityText.read(rs.getString("equity")) : List.<EquityPoint>of();
                }
            }
        });
    }

    @Override
    public boolean delete(String id) {
        return db.inTransaction("delete backtest " + id, c -> {
            // children first: the cascade would do it, but explicit deletes keep PostgreSQL and H2 alike
            for (String table : List.of("backtest_fill_pages", "backtest_trade_pages", "backtest_runs")) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE backtest_id = ?")) {
                    st.setString(1, id);
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM backtests WHERE id = ?")) {
                st.setString(1, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    @Override
    public int failUnfinished(String reason, Instant at) {
        return db.inTransaction("fail unfinished backtests", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE backtests SET state = ?, error = ?, finished_at = ?"
                    + " WHERE state IN (?, ?)")) {
                st.setString(1, BacktestState.FAILED.name());
                st.setString(2, reason);
                Columns.setTime(st, 3, at);
                st.setString(4, BacktestState.QUEUED.name());
                st.setString(5, BacktestState.RUNNING.name());
                return st.executeUpdate();
            }
        });
    }

    private static void progress(PreparedStatement st, int index, SweepProgress p) throws SQLException {
        st.setInt(index, p.runs());
        st.setInt(index + 1, p.runsDone());
        st.setLong(index + 2, p.candles());
        st.setLong(index + 3, p.candlesDone());
    }

    private static Backtest backtest(ResultSet rs, List<BacktestRun> runs) throws SQLException {
        return new Backtest(rs.getString("id"), Columns.getEnum(rs, "state", BacktestState.class),
                Columns.getTime(rs, "created_at"), Columns.getTime(rs, "started_at"),
                Columns.getTime(rs, "finished_at"), rs.getString("actor"),
                BacktestJson.readRequest(rs.getString("request")),
                new SweepProgress(rs.getInt("runs_done"), rs.getInt("runs"), rs.getLong("candles_done"),
                        rs.getLong("candles")), rs.getString("error"), runs);
    }

    /** A run's equity curve as text: one {@code epochMillis,equity} line per point. */
    static final class EquityText {

        private EquityText() {
        }

        static String write(List<EquityPoint> points) {
            StringBuilder out = new StringBuilder(points.size() * 24);
            for (EquityPoint p : points) {
                out.append(p.time().toEpochMilli()).append(',').append(p.equity().toPlainString()).append('\n');
            }
            return out.toString();
        }

        static List<EquityPoint> read(String text) {
            List<EquityPoint> out = new ArrayList<>();
            for (String line : text.split("\n")) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    out.add(new EquityPoint(Instant.ofEpochMilli(Long.parseLong(line.substring(0, comma))),
                            new BigDecimal(line.substring(comma + 1))));
                }
            }
            return out;
        }
    }
}
