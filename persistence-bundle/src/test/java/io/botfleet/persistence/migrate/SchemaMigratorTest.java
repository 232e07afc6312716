package io.botfleet.persistence.migrate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.db.Database;
import io.botfleet.persistence.db.DatabaseSettings;
import io.botfleet.persistence.testing.DatabaseTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

@RunWith(Parameterized.class)
public class SchemaMigratorTest {

    @Parameterized.Parameter(0)
    public String databaseName;

    @Parameterized.Parameter(1)
    public DatabaseTarget target;

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return DatabaseTarget.all();
    }

    @Before
    public void create() throws Exception {
        target.create();
    }

    @After
    public void drop() throws Exception {
        target.drop();
    }

    @Test
    public void emptyDatabaseGetsEveryVersion() {
        try (JdbcStores stores = target.open()) {
            assertEquals(Migrations.latestVersion(), stores.schemaVersion());
        }
        try (JdbcStores again = target.open()) {
            assertEquals("reopening applies nothing twice", Migrations.latestVersion(), again.schemaVersion());
        }
    }

    private static final String REQUEST = "{\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\","
            + "\"params\":{}},\"data\":{\"exchange\":\"paper\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\"}}";

    @Test
    public void backtestsStoredAsRowsAreKeptAndReadWhenResultsMoveToPages() throws Exception {
        try (Database db = Database.open(new DatabaseSettings(target.url(), "", "", 2, 1))) {
            assertEquals(8, new SchemaMigrator(Migrations.all().subList(0, 8)).migrate(db));
        }
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO backtests (id, state, created_at, actor, request, runs, runs_done, candles,"
                    + " candles_done) VALUES ('old', 'DONE', CURRENT_TIMESTAMP, 'ops', '" + REQUEST + "', 1, 1, 10, 10)");
            st.execute("INSERT INTO backtest_runs (backtest_id, n, strategy_id, version, params, state, report, equity)"
                    + " VALUES ('old', 0, 'sma-crossover', '1.0.0', '{}', 'DONE', '{}', '')");
            for (int seq = 1; seq <= 3; seq++) {
                st.execute("INSERT INTO backtest_fills (backtest_id, n, seq, side, qty, price, fee, fee_currency,"
                        + " fill_time, candle_time) VALUES ('old', 0, " + seq + ", '" + (seq % 2 == 1 ? "BUY" : "SELL")
                        + "', '1', '10" + seq + ".5', '0.01', 'USDT', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            st.execute("INSERT INTO backtest_trades (backtest_id, n, seq, direction, entry_time, exit_time, qty,"
                    + " entry_price, exit_price, pnl, fees, fills) VALUES ('old', 0, 1, 'LONG', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP, '1', '101.5', '102.5', '0.98', '0.02', 2)");
        }
        try (JdbcStores stores = target.open()) {
            assertEquals(Migrations.latestVersion(), stores.schemaVersion());
            assertEquals("the backtest is kept", "old", stores.backtests().list(10).get(0).id());
            List<RunFill> fills = stores.backtests().fills("old", 0, 1, 10);
            assertEquals("after seq 1, oldest first, as stored", List.of(2, 3), fills.stream().map(RunFill::seq).toList());
            assertEquals("102.5", fills.get(0).price().toPlainString());
            RunTrade trade = stores.backtests().trades("old", 0, 0, 10).get(0);
            assertEquals("0.98", trade.pnl().toPlainString());
            assertTrue(stores.backtests().delete("old"));
        }
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM backtest_fills")) {
            rs.next();
            assertEquals("deleting the backtest deleted its rows", 0, rs.getInt(1));
        }
    }

    @Test
    public void oldDatabaseIsMigratedKeepingItsData() throws Exception {
        try (Database db = Database.open(new DatabaseSettings(target.url(), "", "", 2, 1))) {
            assertEquals(1, new SchemaMigrator(Migrations.all().subList(0, 1)).migrate(db));
        }
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO installation (name, stored_value) VALUES ('id', 'kept')");
        }
        try (JdbcStores stores = target.open()) {
            assertEquals(Migrations.latestVersion(), stores.schemaVersion());
            assertEquals("kept", stores.installation().get("id").orElseThrow());
        }
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM order_status_history")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    public void newerDatabaseIsRefusedAndLeftAlone() throws Exception {
        try (JdbcStores stores = target.open()) {
            stores.installation().getOrCreate("id", "kept");
        }
        int future = Migrations.latestVersion() + 1;
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version (version, description, applied_at) "
                    + "VALUES (" + future + ", 'from the future', CURRENT_TIMESTAMP)");
        }
        SchemaTooNewException e = assertThrows(SchemaTooNewException.class, target::open);
        assertTrue(e.getMessage(), e.getMessage().contains("version " + future)
                && e.getMessage().contains("(" + Migrations.latestVersion() + ")"));
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            assertEquals(future, rs.getInt(1));
        }
    }

    @Test
    public void anEditedAppliedScriptIsRefusedNamingIt() {
        try (JdbcStores stores = target.open()) {
            assertEquals(Migrations.latestVersion(), stores.schemaVersion());
        }
        List<Migration> edited = withSecondFrom("V2__edited.sql");
        try (Database db = Database.open(new DatabaseSettings(target.url(), "", "", 2, 1))) {
            EditedMigrationException e = assertThrows(EditedMigrationException.class,
                    () -> new SchemaMigrator(edited).migrate(db));
            assertTrue(e.getMessage(), e.getMessage().contains("V2__edited.sql"));
            assertTrue(e.getMessage(), e.getMessage().contains(Migrations.all().get(1).checksum()));
        }
    }

    @Test
    public void commentsAndBlankLinesAreNotEdits() {
        try (JdbcStores stores = target.open()) {
            assertEquals(Migrations.latestVersion(), stores.schemaVersion());
        }
        List<Migration> recommented = withSecondFrom("V2__comments_changed.sql");
        try (Database db = Database.open(new DatabaseSettings(target.url(), "", "", 2, 1))) {
            assertEquals(Migrations.latestVersion(), new SchemaMigrator(recommented).migrate(db));
        }
    }

    @Test
    public void aDatabaseFromBeforeChecksumsGetsThemRecorded() throws Exception {
        try (JdbcStores stores = target.open()) {
            assertEquals(Migrations.latestVersion(), stores.schemaVersion());
        }
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE schema_version DROP COLUMN checksum");
        }
        try (JdbcStores again = target.open()) {
            assertEquals(Migrations.latestVersion(), again.schemaVersion());
        }
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_version ORDER BY version")) {
            for (Migration migration : Migrations.all()) {
                assertTrue(rs.next());
                assertEquals(migration.version(), rs.getInt(1));
                assertEquals(migration.checksum(), rs.getString(2));
            }
        }
    }

    /** Every shipped migration, but the second read from {@code resource}. */
    private static List<Migration> withSecondFrom(String resource) {
        List<Migration> migrations = new ArrayList<>(Migrations.all());
        Migration second = migrations.get(1);
        migrations.set(1, new Migration(second.version(), second.description(), resource));
        return migrations;
    }

    @Test
    public void scriptsSplitIntoStatements() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE INDEX a_ix\n    ON a (x)"),
                Migration.split("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX a_ix\n    ON a (x);\n"));
        assertThrows(IllegalStateException.class, () -> Migration.split("CREATE TABLE a (x INT)"));
    }
}
