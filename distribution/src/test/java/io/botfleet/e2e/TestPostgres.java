package io.botfleet.e2e;

import static org.junit.Assert.fail;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.Assume;

/**
 * The PostgreSQL server named by {@code BOTFLEET_TEST_PG_URL} (started by {@code .ci/postgres.sh}),
 * with a fresh schema per test. Decides like the persistence bundle's store tests: without the
 * variable a test fails when {@code CI=true} (CI must not go green without having run it) and is
 * skipped, saying why, otherwise.
 */
public final class TestPostgres {

    static final String PG_URL_VARIABLE = "BOTFLEET_TEST_PG_URL";

    private final String baseUrl;
    private final String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private TestPostgres(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The server of this run, or the test fails (CI) or is skipped (elsewhere). */
    public static TestPostgres required() {
        String url = System.getenv(PG_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String why = PG_URL_VARIABLE + " is not set: this test needs PostgreSQL (source .ci/postgres.sh first)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but " + why);
            }
            Assume.assumeTrue("skipped: " + why, false);
        }
        return new TestPostgres(url);
    }

    /** {@code jdbc:postgresql://host:port/db?...}: the host. */
    String host() {
        return address().getHost();
    }

    int port() {
        return address().getPort();
    }

    /** The URL of this test's schema, reached through {@code 127.0.0.1:port} (the proxy). */
    String urlThrough(int proxyPort) {
        URI a = address();
        String rest = baseUrl.substring(baseUrl.indexOf(a.getRawAuthority()) + a.getRawAuthority().length());
        String url = "jdbc:postgresql://127.0.0.1:" + proxyPort + rest;
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    String schema() {
        return schema;
    }

    /** The URL of this test's schema, straight to the server. */
    public String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
    }

    /**
     * Drops the schema, waiting at most 30 s for locks: a server process the test left running
     * (a frozen one, say) fails the clean-up instead of hanging the build.
     */
    public void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '30s'");
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private URI address() {
        return URI.create(baseUrl.substring("jdbc:".length()));
    }
}
