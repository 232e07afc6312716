package io.botfleet.api.bot;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of the strategy version a bot runs: the {@code Deployment} shape of the HTTP API.
 *
 * @param botId       the bot
 * @param strategyId  strategy id
 * @param fromVersion the version before, or null for the first binding
 * @param toVersion   the version after (or attempted)
 * @param at          when
 * @param actor       token name, {@code shell}, or {@code system} for automatic actions
 * @param kind        what kind of change
 * @param outcome     {@code OK} or {@code FAILED}
 * @param detail      the reason of a failure, or a note
 */
public record Deployment(String botId, String strategyId, String fromVersion, String toVersion,
                         Instant at, String actor, Kind kind, String outcome, String detail) {

    /** Kinds of deployment. */
    public enum Kind {
        UPGRADE, ROLLBACK, AUTO_ROLLBACK, REBIND
    }

    public static final String OK = "OK";
    public static final String FAILED = "FAILED";

    public Deployment {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }
}
