package io.botfleet.api.bot;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a bot, kept in its event log.
 *
 * @param botId   the bot
 * @param time    when it happened
 * @param type    what kind of event, broadly (the event log's filter)
 * @param kind    what exactly happened, as the code that recorded it knows it: what notifications
 *                are chosen by (in the transaction that journals the event), never the wording of
 *                {@code message}. The event log keeps type and message only: an event read back
 *                from it has its type's typical kind
 * @param message what happened, for operators
 */
public record BotEvent(String botId, Instant time, Type type, Kind kind, String message) {

    /** Event kinds. */
    public enum Type {
        /** A state change or an operator's lifecycle command. */
        LIFECYCLE,
        /** A strategy swap, rollback or rebind. */
        SWAP,
        /** A signal the risk gate refused, with the reason. */
        RISK,
        /** An order's rejection by the exchange. */
        ORDER,
        /** A strategy or runtime fault. */
        ERROR,
        /** A step of start-up recovery or reconciliation. */
        RECOVERY,
        /** A mutating API or shell call that targeted the bot. */
        AUDIT,
        /** A condition that does not stop the bot but needs a look: its feed went STALE, or came back. */
        WARNING,
        /** A halt (kill switch) over the bot's scope began or was lifted, or the bot was flattened. */
        HALT
    }

    /**
     * What exactly happened, within a {@link Type}. Most events are the typical kind of their type
     * ({@link #typicalOf}); the others are named where they are recorded.
     */
    public enum Kind {
        /** Nothing an operator is told of unasked: a recovery step, a strategy fault, an audit entry. */
        NOTE,
        /** A state change or an accepted lifecycle command. */
        STATE,
        /** The bot was SUSPENDED (its strategy version, account or database went away). */
        SUSPENDED,
        /** The bot was SUSPENDED because its exchange account's circuit breaker opened. */
        BREAKER_OPENED,
        /** Its account's circuit breaker closed: the bot resumes. */
        BREAKER_CLOSED,
        /** The bot FAILED, or the watchdog gave up restarting it. */
        FAILED,
        /** The exchange refused an order. */
        ORDER_REJECTED,
        /** An order's placement outcome is unknown (and stays so after lookups). */
        UNRESOLVED_ORDER,
        /** A strategy swap, rollback or rebind. */
        SWAP,
        /** The risk gate refused a signal (the daily loss limit among the reasons). */
        RISK_REFUSED,
        /** The bot's feed went STALE. */
        FEED_STALE,
        /** A STALE feed delivers again. */
        FEED_LIVE,
        /** A halt over the bot's scope began or was lifted, or the bot was flattened. */
        HALT;

        /** The kind an event of {@code type} is unless its recorder names another. */
        public static Kind typicalOf(Type type) {
            return switch (type) {
                case LIFECYCLE -> STATE;
                case SWAP -> SWAP;
                case RISK -> RISK_REFUSED;
                case ORDER -> ORDER_REJECTED;
                case HALT -> HALT;
                case ERROR, RECOVERY, AUDIT, WARNING -> NOTE;
            };
        }
    }

    /** A null kind is the typical kind of the type. */
    public BotEvent {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        kind = kind == null ? Kind.typicalOf(type) : kind;
        message = message == null ? "" : message;
    }

    /** An event of its type's typical kind. */
    public BotEvent(String botId, Instant time, Type type, String message) {
        this(botId, time, type, null, message);
    }
}
