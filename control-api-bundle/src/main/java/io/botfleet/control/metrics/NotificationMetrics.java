package io.botfleet.control.metrics;

import io.botfleet.api.notify.TargetStatus;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * Per notification target: messages delivered, messages given up on, and the backlog (alert on a
 * backlog that keeps growing: the receiver is down or refuses).
 */
final class NotificationMetrics {

    private NotificationMetrics() {
    }

    static List<MetricSnapshot> of(List<TargetStatus> targets) {
        CounterSnapshot.Builder delivered = CounterSnapshot.builder().name("botfleet_notifications_delivered")
                .help("Notifications a target accepted");
        CounterSnapshot.Builder failed = CounterSnapshot.builder().name("botfleet_notifications_failed")
                .help("Notifications given up on: refused for good, or not accepted within the delivery window");
        GaugeSnapshot.Builder backlog = GaugeSnapshot.builder().name("botfleet_notifications_backlog")
                .help("Notifications waiting for a target");
        for (TargetStatus t : targets) {
            Labels target = Labels.of("target", t.name());
            delivered.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(target).value(t.delivered())
                    .build());
            failed.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(target).value(t.failed()).build());
            backlog.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(target).value(t.backlog()).build());
        }
        return List.of(delivered.build(), failed.build(), backlog.build());
    }
}
