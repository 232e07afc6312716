package io.botfleet.persistence.db;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Column conversions shared by every store, identical on H2 and PostgreSQL.
 *
 * <p>Money is stored as the exact decimal string ({@link BigDecimal#toString()}), so a value reads
 * back {@code equals} to what was written, scale included, and no database rounds it. Times are
 * {@code TIMESTAMP WITH TIME ZONE}, which both databases keep to the microsecond: instants are
 * truncated to microseconds on write so that H2 and PostgreSQL return the same value.
 */
public final class Columns {

    /** Width of the money columns; a longer decimal string is refused rather than cut. */
    public static final int MONEY_WIDTH = 80;

    private Columns() {
    }

    public static void setMoney(PreparedStatement st, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
            return;
        }
        String text = value.toString();
        if (text.length() > MONEY_WIDTH) {
            throw new IllegalArgumentException("decimal value has more than " + MONEY_WIDTH + " characters: "
                    + text.substring(0, 20) + "...");
        }
        st.setString(index, text);
    }

    public static BigDecimal getMoney(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new SQLException("column " + column + " holds '" + text + "', not a decimal", "22018", e);
        }
    }

    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static void setTime(PreparedStatement st, int index, Instant value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            st.setObject(index, OffsetDateTime.ofInstant(truncate(value), ZoneOffset.UTC));
        }
    }

    public static Instant getTime(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static void setText(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }

    /** An enum column; a value this version does not know is reported as bad data, not bad input. */
    public static <E extends Enum<E>> E getEnum(ResultSet rs, String column, Class<E> type) throws SQLException {
        String text = rs.getString(column);
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw new SQLException("column " + column + " holds '" + text + "', not a " + type.getSimpleName(), "22000");
    }

    /** A limit as the read methods accept it: 1 to {@code max}. */
    public static int checkLimit(int limit, int max) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        return Math.min(limit, max);
    }
}
