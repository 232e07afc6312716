package io.botfleet.api.cluster;

/**
 * A node's lease figures.
 *
 * @param leasesHeld          bot leases this node holds now
 * @param failovers           bots this node took over from another node whose lease had expired
 * @param leasesLost          bots this node stood down because another node holds their lease
 * @param renewals            lease renewals done (one statement each, all leases of the node)
 * @param lastRenewMillis     how long the last renewal took
 * @param renewMillisTotal    the sum of every renewal's time, for an average
 */
public record ClusterStats(int leasesHeld, long failovers, long leasesLost, long renewals, double lastRenewMillis,
                           double renewMillisTotal) {
}
