package io.botfleet.persistence.testing;

import static org.junit.Assert.fail;

import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.db.JdbcUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real database for one test: an H2 file database in a fresh temp folder, or a fresh schema on
 * the PostgreSQL server named by {@code BOTFLEET_TEST_PG_URL}. Store test classes are parameterized
 * over {@link #all()}: H2 always; PostgreSQL when the variable is set; and when {@code CI=true}
 * but the variable is missing, a PostgreSQL target whose every test fails, so CI cannot go green
 * without having run them.
 */
public abstract class DatabaseTarget {

    public static final String PG_URL_VARIABLE = "BOTFLEET_TEST_PG_URL";

    private final String name;

    DatabaseTarget(String name) {
        this.name = name;
    }

    /** The parameters of a store test: {@code {name, target}} rows. */
    public static List<Object[]> all() {
        List<Object[]> targets = new ArrayList<>();
        targets.add(new Object[] {"h2", new H2()});
        String pgUrl = System.getenv(PG_URL_VARIABLE);
        if (pgUrl != null && !pgUrl.isBlank()) {
            targets.add(new Object[] {"postgresql", new Postgres(pgUrl)});
        } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            targets.add(new Object[] {"postgresql", new Missing()});
        }
        return targets;
    }

    /** Prepares an empty database; call from {@code @Before}. */
    public abstract void create() throws Exception;

    /** The JDBC URL of the prepared database (with credentials, for PostgreSQL). */
    public abstract String url();

    /** Removes what {@link #create()} made; call from {@code @After}. */
    public abstract void drop() throws Exception;

    public boolean isH2() {
        return this instanceof H2;
    }

    public JdbcStores open() {
        return JdbcStores.open(url(), "", "", 6);
    }

    /** A plain JDBC connection to the same database, for writing rows the stores never would. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(JdbcUrls.withJournalSettings(url()));
    }

    @Override
    public String toString() {
        return name;
    }

    /** H2 file database in a temp folder, with the settings the bundle would add. */
    public static final class H2 extends DatabaseTarget {

        private Path folder;

        public H2() {
            super("h2");
        }

        @Override
        public void create() throws IOException {
            folder = Files.createTempDirectory("botfleet-store-test");
        }

        @Override
        public String url() {
            // A long lock timeout: tests that hold a row lock on purpose want the writer to wait.
            return "jdbc:h2:file:" + folder.resolve("botfleet") + ";LOCK_TIMEOUT=20000";
        }

        public Path folder() {
            return folder;
        }

        @Override
        public void drop() throws IOException {
            deleteTree(folder);
        }
    }

    /** A fresh schema per test on the shared PostgreSQL server, dropped afterwards. */
    static final class Postgres extends DatabaseTarget {

        private final String baseUrl;
        private String schema;

        Postgres(String baseUrl) {
            super("postgresql");
            this.baseUrl = baseUrl;
        }

        @Override
        public void create() throws SQLException {
            schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            }
        }

        @Override
        public String url() {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        public void drop() throws SQLException {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** Stands for the PostgreSQL run CI must not skip. */
    static final class Missing extends DatabaseTarget {

        Missing() {
            super("postgresql");
        }

        @Override
        public void create() {
            fail("CI=true but " + PG_URL_VARIABLE + " is not set: the PostgreSQL store tests must run in CI "
                    + "(source .ci/postgres.sh before the build)");
        }

        @Override
        public String url() {
            throw new IllegalStateException("no PostgreSQL");
        }

        @Override
        public void drop() {
        }
    }

    public static void deleteTree(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
