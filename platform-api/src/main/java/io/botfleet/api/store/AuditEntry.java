package io.botfleet.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One mutating call, as the audit log keeps it.
 *
 * @param time    when
 * @param actor   token name, {@code shell} or {@code system}
 * @param action  what was called, e.g. {@code POST /api/v1/bots/{id}/start}
 * @param target  what it acted on (a bot id, a bundle, a token name), or empty
 * @param outcome the HTTP status or {@code OK} / an error summary
 * @param detail  anything else worth keeping; never a secret
 */
public record AuditEntry(Instant time, String actor, String action, String target, String outcome,
                         String detail) {

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }
}
