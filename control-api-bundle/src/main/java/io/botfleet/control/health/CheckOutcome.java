package io.botfleet.control.health;

import java.util.Objects;

/**
 * One named check in a health answer.
 *
 * @param name the check's {@code hc.name}
 * @param status a Felix status name ({@code OK}, {@code WARN}, {@code CRITICAL}, ...), or
 *               {@code MISSING} for a required check that is not registered
 * @param message what the check said, one line per log entry; empty when it said nothing
 */
public record CheckOutcome(String name, String status, String message) {

    /** The status of a required check that no bundle registered. */
    public static final String MISSING = "MISSING";

    public CheckOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }
}
