package io.botfleet.persistence.db;

import java.util.Locale;
import java.util.regex.Pattern;

/** Small facts about JDBC URLs: which database, and the H2 settings the journal relies on. */
public final class JdbcUrls {

    private static final Pattern SECRET = Pattern.compile("(?i)(password=)[^&;]*");

    private JdbcUrls() {
    }

    public static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    public static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * The H2 URL with the settings a write-ahead journal needs, unless the operator set them:
     * {@code WRITE_DELAY=0} so that every commit reaches the file before it returns (H2's default of
     * 500 ms loses commits that already returned when the process is killed), and
     * {@code DB_CLOSE_ON_EXIT=FALSE} so that H2's shutdown hook does not close the database under
     * the journal while it drains its last writes: the bundle closes it itself.
     */
    public static String withJournalSettings(String url) {
        if (!isH2(url) || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            result.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            result.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return result.toString();
    }

    /** True when an H2 URL sets a write delay other than 0, which breaks the journal's guarantee. */
    public static boolean hasUnsafeWriteDelay(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        int at = upper.indexOf(";WRITE_DELAY=");
        if (!isH2(url) || at < 0) {
            return false;
        }
        String value = upper.substring(at + ";WRITE_DELAY=".length()).split(";", 2)[0].trim();
        return !value.equals("0");
    }

    /** The URL with any {@code password=} parameter masked, for logs and error messages. */
    public static String redact(String url) {
        return url == null ? "" : SECRET.matcher(url).replaceAll("$1***");
    }
}
