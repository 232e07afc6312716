package io.botfleet.control.metrics;

import io.botfleet.api.cluster.ClusterStats;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * Cluster mode, this node: leases held, bots taken over from a node that stopped renewing
 * (failovers), planned hand-overs out and in, bots stood down because another node took their
 * lease, and how long the renewal of every lease (one statement) takes.
 */
final class ClusterMetrics {

    private ClusterMetrics() {
    }

    static List<MetricSnapshot> of(String nodeId, ClusterStats s) {
        Labels node = Labels.of("node", nodeId);
        return List.of(
                gauge("botfleet_cluster_leases_held", "Bot leases this node holds", node, s.leasesHeld()),
                counter("botfleet_cluster_failovers", "Bots this node took over after their lease expired", node,
                        s.failovers()),
                CounterSnapshot.builder().name("botfleet_cluster_handovers").help("Planned moves of bots (a drain, "
                        + "balancing): out, stopped here with a checkpoint and their lease given up; in, taken here from "
                        + "a lease another node gave up")
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .labels(Labels.of("node", nodeId, "direction", "out")).value(s.handedOver()).build())
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .labels(Labels.of("node", nodeId, "direction", "in")).value(s.takenOver()).build())
                        .build(),
                counter("botfleet_cluster_leases_lost", "Bots this node stood down: another node took their lease",
                        node, s.leasesLost()),
                counter("botfleet_cluster_lease_renewals", "Renewals of every lease of this node (one statement each)",
                        node, s.renewals()),
                counter("botfleet_cluster_lease_renew_seconds", "Time spent renewing leases (divide by renewals for "
                        + "the mean)", node, s.renewMillisTotal() / 1000.0),
                gauge("botfleet_cluster_lease_renew_last_seconds", "How long the last renewal took", node,
                        s.lastRenewMillis() / 1000.0));
    }

    private static MetricSnapshot gauge(String name, String help, Labels labels, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build()).build();
    }

    private static MetricSnapshot counter(String name, String help, Labels labels, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build())
                .build();
    }
}
