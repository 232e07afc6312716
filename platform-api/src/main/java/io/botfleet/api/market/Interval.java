package io.botfleet.api.market;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A candle interval. {@link #code()} is the form used in configuration and in the HTTP API
 * ({@code "1m"}, {@code "1h"}, {@code "1d"}); exchanges map it to their own notation.
 */
public enum Interval {
    M1("1m", Duration.ofMinutes(1)),
    M3("3m", Duration.ofMinutes(3)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    M30("30m", Duration.ofMinutes(30)),
    H1("1h", Duration.ofHours(1)),
    H2("2h", Duration.ofHours(2)),
    H4("4h", Duration.ofHours(4)),
    H6("6h", Duration.ofHours(6)),
    H12("12h", Duration.ofHours(12)),
    D1("1d", Duration.ofDays(1)),
    W1("1w", Duration.ofDays(7));

    private final String code;
    private final Duration duration;

    Interval(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    /** The configuration and API form, for example {@code "1m"}. */
    public String code() {
        return code;
    }

    /** The length of one candle. */
    public Duration duration() {
        return duration;
    }

    /**
     * Parses the API form ({@code "1m"}, {@code "4h"}, ...).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code code} is unknown
     */
    /** Monday 1970-01-05T00:00Z: weekly candles open on Mondays, as exchanges count weeks. */
    private static final long FIRST_MONDAY_MILLIS = Duration.ofDays(4).toMillis();

    /**
     * Whether a candle of this interval can open at {@code openTime}: a whole number of intervals
     * after the Unix epoch (UTC), or, for weeks, after a Monday.
     */
    public boolean opensAt(Instant openTime) {
        long origin = this == W1 ? FIRST_MONDAY_MILLIS : 0;
        return Math.floorMod(openTime.toEpochMilli() - origin, duration.toMillis()) == 0;
    }

    public static Interval parse(String code) {
        for (Interval interval : values()) {
            if (interval.code.equals(code)) {
                return interval;
            }
        }
        throw new IllegalArgumentException("unknown interval '" + code + "'; expected one of "
                + Arrays.stream(values()).map(Interval::code).collect(Collectors.joining(", ")));
    }
}
