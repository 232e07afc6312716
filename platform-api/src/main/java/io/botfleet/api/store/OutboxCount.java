package io.botfleet.api.store;

/**
 * Messages of one type and bot in a stretch of the outbox.
 *
 * @param type  the notification type
 * @param botId the bot, or null for fleet-wide messages
 * @param count how many
 */
public record OutboxCount(String type, String botId, long count) {
}
