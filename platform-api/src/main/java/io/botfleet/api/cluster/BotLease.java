package io.botfleet.api.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * One bot's lease: the node that may run the bot, until when (the database's clock), and the
 * epoch, which grows by one at every change of owner. A journal write of the bot commits only
 * while the lease still has the writer's node and epoch.
 */
public record BotLease(String botId, String ownerNode, long epoch, Instant expiresAt) {

    public BotLease {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(ownerNode, "ownerNode");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
