package io.botfleet.api.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A node as the database records it.
 *
 * @param id        its node id
 * @param url       the URL it advertises (may be empty)
 * @param version   the Botfleet version it runs
 * @param heartbeat its last heartbeat, on the database's clock
 * @param state     {@link #ACTIVE} while it beats, {@link #LEFT} after a clean stop; a node whose
 *                  heartbeat is older than a lease is shown {@link #SILENT}
 * @param botsHeld  the bot leases it holds that have not expired
 */
public record ClusterNode(String id, String url, String version, Instant heartbeat, String state, int botsHeld) {

    public static final String ACTIVE = "ACTIVE";
    public static final String LEFT = "LEFT";
    public static final String SILENT = "SILENT";

    public ClusterNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(state, "state");
    }
}
