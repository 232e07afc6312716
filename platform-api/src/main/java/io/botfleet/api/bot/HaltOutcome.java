package io.botfleet.api.bot;

/**
 * What a halt, its lifting or a flatten did to one bot.
 *
 * @param botId   the bot
 * @param state   its state afterwards
 * @param outcome what was done: orders cancelled, the closing order sent, or why nothing was
 */
public record HaltOutcome(String botId, BotState state, String outcome) {
}
