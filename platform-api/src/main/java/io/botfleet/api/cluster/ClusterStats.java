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
 * @param handedOver          bots this node handed over to another node in a planned move (a drain
 *                            or balancing): stopped with a checkpoint, then their lease given up
 * @param takenOver           bots this node took in a planned move (a lease another node gave up)
 */
public record ClusterStats(int leasesHeld, long failovers, long leasesLost, long renewals, double lastRenewMillis,
                           double renewMillisTotal, long handedOver, long takenOver) {

    /** Figures without planned moves. */
    public ClusterStats(int leasesHeld, long failovers, long leasesLost, long renewals, double lastRenewMillis,
                        double renewMillisTotal) {
        this(leasesHeld, failovers, leasesLost, renewals, lastRenewMillis, renewMillisTotal, 0, 0);
    }
}
