package io.botfleet.persistence.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is and how to reach it. An empty {@code jdbcUrl} means the embedded default:
 * an H2 file database under {@code <home>/data/}.
 *
 * @param jdbcUrl        JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}), or empty
 * @param user           user name, or empty (PostgreSQL may take it from the URL)
 * @param password       password, or empty
 * @param poolSize       maximum pooled connections, at least 2 (one is the journal writer's)
 * @param journalWriters group-commit writer threads; bots are partitioned over them by id
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize,
                               int journalWriters) {

    /** File name (without H2's {@code .mv.db} suffix) of the embedded default database. */
    public static final String DEFAULT_DATABASE_NAME = "botfleet";

    public DatabaseSettings {
        jdbcUrl = jdbcUrl == null ? "" : jdbcUrl.trim();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be >= 2, was " + poolSize);
        }
        if (journalWriters < 1 || journalWriters >= poolSize) {
            throw new IllegalArgumentException("journalWriters must be between 1 and poolSize - 1, was "
                    + journalWriters);
        }
        if (!jdbcUrl.isEmpty() && !jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:h2: or jdbc:postgresql:, was '"
                    + JdbcUrls.redact(jdbcUrl) + "'");
        }
    }

    /** The embedded default under {@code home}: {@code <home>/data/botfleet.mv.db}. */
    public static String defaultUrl(Path home) {
        Objects.requireNonNull(home, "home");
        Path file = home.toAbsolutePath().normalize().resolve("data").resolve(DEFAULT_DATABASE_NAME);
        return "jdbc:h2:file:" + file;
    }

    /** These settings with the default URL filled in when none was configured. */
    public DatabaseSettings resolvedAgainst(Path home) {
        return jdbcUrl.isEmpty()
                ? new DatabaseSettings(defaultUrl(home), user, password, poolSize, journalWriters)
                : this;
    }
}
