package io.botfleet.control.health;

import java.util.List;

/**
 * The answer of a health endpoint: {@code UP} or {@code DOWN}, and every check that decided it.
 *
 * @param status {@code UP} or {@code DOWN}
 * @param checks the checks, required ones first, then by name
 */
public record HealthVerdict(String status, List<CheckOutcome> checks) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public HealthVerdict {
        checks = List.copyOf(checks);
    }

    public boolean up() {
        return UP.equals(status);
    }
}
