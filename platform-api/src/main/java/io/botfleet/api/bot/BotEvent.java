package io.botfleet.api.bot;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a bot, kept in its event log.
 *
 * @param botId   the bot
 * @param time    when it happened
 * @param type    what kind of event
 * @param message what happened, for operators
 */
public record BotEvent(String botId, Instant time, Type type, String message) {

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

    public BotEvent {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
    }
}
