package io.botfleet.api.cluster;

import java.util.Objects;

/**
 * The node that runs a bot now (it holds the bot's unexpired lease) and where its API answers.
 *
 * @param botId  the bot
 * @param nodeId the node holding its lease
 * @param url    that node's advertised URL (may be empty when it advertises none)
 * @since 1.2
 */
public record BotOwner(String botId, String nodeId, String url) {

    public BotOwner {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(url, "url");
    }
}
