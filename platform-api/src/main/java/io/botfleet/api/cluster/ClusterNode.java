package io.botfleet.api.cluster;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A node as the database records it.
 *
 * @param id        its node id
 * @param url       the URL it advertises (may be empty)
 * @param version   the Botfleet version it runs
 * @param heartbeat its last heartbeat, on the database's clock
 * @param state     {@link #ACTIVE} while it beats and runs its share, {@link #DRAINING} while it
 *                  hands its bots over to the other nodes, {@link #DRAINED} once it holds none
 *                  (it keeps beating and takes none), {@link #LEFT} after a clean stop; a node
 *                  whose heartbeat is older than a lease is shown {@link #SILENT}
 * @param botsHeld  the bot leases it holds that have not expired
 * @param maxBots   the most bots it runs ({@code maxBots} of its configuration), or empty for no limit
 */
public record ClusterNode(String id, String url, String version, Instant heartbeat, String state, int botsHeld,
                          OptionalInt maxBots) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DRAINING = "DRAINING";
    public static final String DRAINED = "DRAINED";
    public static final String LEFT = "LEFT";
    public static final String SILENT = "SILENT";

    public ClusterNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(maxBots, "maxBots");
    }

    /** A node without a limit of bots. */
    public ClusterNode(String id, String url, String version, Instant heartbeat, String state, int botsHeld) {
        this(id, url, version, heartbeat, state, botsHeld, OptionalInt.empty());
    }

    /** Beating and running its share: a node that takes bots. */
    public boolean active() {
        return ACTIVE.equals(state);
    }

    /** Told to drain (DRAINING or DRAINED): it takes no bot and gives up those it runs. */
    public boolean drained() {
        return DRAINING.equals(state) || DRAINED.equals(state);
    }
}
