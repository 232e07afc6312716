package io.botfleet.persistence.db;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Creates the driver's own {@link DataSource} for a URL. The pool is handed a DataSource instead
 * of a URL because {@code java.sql.DriverManager} does not work across OSGi class loaders: it only
 * returns drivers visible to its caller, and HikariCP's bundle cannot see the driver bundles.
 */
final class DataSources {

    private DataSources() {
    }

    static DataSource forUrl(String url, String user, String password) {
        if (JdbcUrls.isH2(url)) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (JdbcUrls.isPostgres(url)) {
            try {
                return PostgresDataSource.create(url, user, password);
            } catch (NoClassDefFoundError missing) {
                throw new IllegalStateException("jdbcUrl is a PostgreSQL URL but the PostgreSQL driver "
                        + "(bundle org.postgresql.jdbc) is not installed", missing);
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + JdbcUrls.redact(url)
                + "': use jdbc:h2: or jdbc:postgresql:");
    }

    /** Kept apart so that the optional PostgreSQL driver is only loaded when a URL asks for it. */
    private static final class PostgresDataSource {

        /**
         * Without a socket timeout, a database that goes silent (a partition, a hung host: no
         * reset) blocks the journal writer in a read forever, and no bot ever learns of the
         * outage. A URL that sets its own {@code socketTimeout} / {@code loginTimeout} keeps it.
         */
        static final int SOCKET_TIMEOUT_SECONDS = 30;
        static final int LOGIN_TIMEOUT_SECONDS = 10;

        static DataSource create(String url, String user, String password) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(url);
            if (!url.contains("socketTimeout=")) {
                pg.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
            }
            if (!url.contains("loginTimeout=")) {
                pg.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
            }
            if (!user.isEmpty()) {
                pg.setUser(user);
            }
            if (!password.isEmpty()) {
                pg.setPassword(password);
            }
            return pg;
        }
    }
}
