package io.botfleet.api.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * One bot's lease: the node that may run the bot, until when (the database's clock), and the
 * epoch, which grows by one at every change of owner. A journal write of the bot commits only
 * while the lease still has the writer's node and epoch.
 *
 * @param handedOver the lease was taken from another node that gave it up (a planned hand-over,
 *                   or its clean stop), not from one whose lease expired (a failover)
 */
public record BotLease(String botId, String ownerNode, long epoch, Instant expiresAt, boolean handedOver) {

    public BotLease {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(ownerNode, "ownerNode");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A lease as renewed or read: how it was taken is not known. */
    public BotLease(String botId, String ownerNode, long epoch, Instant expiresAt) {
        this(botId, ownerNode, epoch, expiresAt, false);
    }
}
