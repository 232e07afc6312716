package io.botfleet.exchange.paper;

import io.botfleet.api.market.Decimals;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Typed reads of a configuration map. FileInstall hands every {@code .cfg} value over as a
 * string, typed {@code .config} files and tests as numbers: both are accepted. Every error names
 * its key.
 */
final class ConfigValues {

    private final Map<String, ?> values;

    ConfigValues(Map<String, ?> values) {
        this.values = values;
    }

    boolean has(String key) {
        Object value = values.get(key);
        return value != null && !value.toString().isBlank();
    }

    Iterable<String> keys() {
        return values.keySet();
    }

    String string(String key, String fallback) {
        return has(key) ? values.get(key).toString().trim() : fallback;
    }

    String requiredString(String key) {
        if (!has(key)) {
            throw new PaperConfigException(key, "required, missing");
        }
        return string(key, null);
    }

    BigDecimal decimal(String key, BigDecimal fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object value = values.get(key);
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new PaperConfigException(key, "must be a decimal number, was " + value);
        }
        try {
            return Decimals.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new PaperConfigException(key, e.getMessage().startsWith("is not a decimal")
                    ? "must be a decimal number, was '" + value + "'" : e.getMessage());
        }
    }

    BigDecimal nonNegative(String key, BigDecimal fallback) {
        BigDecimal value = decimal(key, fallback);
        if (value != null && value.signum() < 0) {
            throw new PaperConfigException(key, "must be >= 0, was " + value.toPlainString());
        }
        return value;
    }

    BigDecimal positive(String key, BigDecimal fallback) {
        BigDecimal value = decimal(key, fallback);
        if (value != null && value.signum() <= 0) {
            throw new PaperConfigException(key, "must be > 0, was " + value.toPlainString());
        }
        return value;
    }

    long integer(String key, long fallback) {
        BigDecimal value = decimal(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new PaperConfigException(key, "must be a whole number, was " + value);
        }
    }

    Interval interval(String key, Interval fallback) {
        if (!has(key)) {
            return fallback;
        }
        try {
            return Interval.parse(string(key, null));
        } catch (IllegalArgumentException e) {
            throw new PaperConfigException(key, e.getMessage());
        }
    }

    Instant instant(String key, Instant fallback) {
        if (!has(key)) {
            return fallback;
        }
        String text = string(key, null);
        try {
            return text.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new PaperConfigException(key, "must be an ISO-8601 instant (2020-01-01T00:00:00Z)"
                    + " or epoch milliseconds, was '" + text + "'");
        }
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        String text = string(key, null);
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new PaperConfigException(key, "must be true or false, was '" + text + "'");
    }
}
