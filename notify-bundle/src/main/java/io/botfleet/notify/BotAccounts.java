package io.botfleet.notify;

import io.botfleet.api.bot.ExchangeRef;

/** The exchange account of a bot, for the message's {@code exchange} and {@code account}. */
@FunctionalInterface
interface BotAccounts {

    /** The account, or null when the bot is unknown (deleted) or no bot manager is up. */
    ExchangeRef of(String botId);
}
