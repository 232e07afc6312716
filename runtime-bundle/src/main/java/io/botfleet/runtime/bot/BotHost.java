package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotEvent;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The bot as its collaborators talk back to it: its mailbox, its event log, its published figures
 * and its fault handling. Its state they get as the {@link BotSession}.
 */
interface BotHost {

    /** Runs {@code work} as a message of the bot's mailbox (exchange callbacks, timers). */
    void post(Supplier<? extends CompletionStage<?>> work);

    /** Records an event of its type's typical kind. */
    default void event(BotEvent.Type type, String message) {
        event(type, null, message);
    }

    /** Records an event of the given kind (null: its type's typical kind). */
    void event(BotEvent.Type type, BotEvent.Kind kind, String message);

    /** Makes the bot's latest figures visible to status readers. */
    void publish();

    /** What the bot's status shows as its last error. */
    void lastError(String error);

    String lastError();

    /** A journal write or recovery read failed: suspend for a persistence fault, else fail. */
    void journalFailed(String what, Throwable failure);
}
