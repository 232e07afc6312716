package io.botfleet.api.bot;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change of the strategy a bot runs: a version swap, a move to another strategy, or their
 * rollback. The {@code Deployment} shape of the HTTP API.
 *
 * @param botId          the bot
 * @param fromStrategyId the strategy before, or null for the first binding (and in rows written
 *                       before moves existed, where it is the same as {@code toStrategyId})
 * @param toStrategyId   the strategy after (or attempted)
 * @param fromVersion    the version before, or null for the first binding
 * @param toVersion      the version after (or attempted)
 * @param fromParams     the strategy parameters before, or null when not recorded
 * @param toParams       the strategy parameters after, or null when not recorded
 * @param at             when
 * @param actor          token name, {@code shell}, or {@code system} for automatic actions
 * @param kind           what kind of change
 * @param outcome        {@code OK} or {@code FAILED}
 * @param detail         the reason of a failure, or a note
 */
public record Deployment(String botId, String fromStrategyId, String toStrategyId, String fromVersion,
                         String toVersion, Map<String, Object> fromParams, Map<String, Object> toParams,
                         Instant at, String actor, Kind kind, String outcome, String detail) {

    /** Kinds of deployment. */
    public enum Kind {
        UPGRADE, ROLLBACK, AUTO_ROLLBACK, REBIND,
        /** A move to another strategy id: the new one starts from its parameters, warmed up with recent candles. */
        MOVE
    }

    public static final String OK = "OK";
    public static final String FAILED = "FAILED";

    public Deployment {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(toStrategyId, "toStrategyId");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        fromParams = copy(fromParams);
        toParams = copy(toParams);
        detail = detail == null ? "" : detail;
    }

    /** A version change within one strategy, parameters not recorded. */
    public Deployment(String botId, String strategyId, String fromVersion, String toVersion,
                      Instant at, String actor, Kind kind, String outcome, String detail) {
        this(botId, fromVersion == null ? null : strategyId, strategyId, fromVersion, toVersion, null, null,
                at, actor, kind, outcome, detail);
    }

    /** The strategy after the change (the same as {@link #toStrategyId()}). */
    public String strategyId() {
        return toStrategyId;
    }

    /** True when the change went from one strategy id to another. */
    public boolean changedStrategy() {
        return fromStrategyId != null && !fromStrategyId.equals(toStrategyId);
    }

    private static Map<String, Object> copy(Map<String, Object> params) {
        return params == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
