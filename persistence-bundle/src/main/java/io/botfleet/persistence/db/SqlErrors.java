package io.botfleet.persistence.db;

import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns driver exceptions into the store's exceptions. SQLSTATE codes are the standard ones, which
 * H2 and PostgreSQL both use: class 23 integrity constraint violations, 23505 unique violation,
 * class 08 connection exceptions.
 */
public final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** True when the failure is about reaching the database, not about what was written. */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable x = e; x != null; x = x.getCause()) {
            if (x instanceof SQLTransientConnectionException || x instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (x instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The store exception for a failed operation. {@code what} says what was attempted, e.g.
     * {@code "create bot btc-1"}; the driver's message says why.
     */
    public static StoreException translate(String what, Throwable e) {
        if (e instanceof StoreException store) {
            return store;
        }
        if (e instanceof SQLException sql && isUniqueViolation(sql)) {
            return new StoreConflictException(what + ": already stored (" + firstLine(sql.getMessage()) + ")");
        }
        if (isConnectionFailure(e)) {
            return new StoreException(what + ": database unreachable: " + firstLine(e.getMessage()), e);
        }
        return new StoreException(what + " failed: " + firstLine(e.getMessage()), e);
    }

    /**
     * The first lines of the messages along a cause chain, repeats left out: drivers often wrap the
     * telling reason ("file is corrupt", "connection refused") in a generic one ("IO Exception").
     */
    static String reasons(Throwable e) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable x = e; x != null && depth < 5; x = x.getCause(), depth++) {
            String line = firstLine(x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage());
            if (text.indexOf(line) < 0) {
                text.append(text.length() == 0 ? "" : "; caused by: ").append(line);
            }
        }
        return text.toString();
    }

    /** Drivers put whole statements and stack hints in messages; the first line is the reason. */
    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
