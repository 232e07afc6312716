package io.botfleet.notify;

import io.botfleet.api.notify.NotificationPublisher;
import io.botfleet.api.notify.NotificationTargets;
import io.botfleet.api.notify.NotificationTypes;
import io.botfleet.api.notify.TargetStatus;
import io.botfleet.api.notify.TestOutcome;
import io.botfleet.api.store.NotificationOutbox;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targets as one service: what the control API lists and tests, the hook for events recorded
 * outside the journal, and the outbox's pruning (messages older than twice the longest delivery
 * window are settled by every target).
 */
@Component(service = {NotificationTargets.class, NotificationPublisher.class}, immediate = true)
public final class NotificationCenter implements NotificationTargets, NotificationPublisher {

    static final long KEEP_MILLIS = 2 * 86_400_000L;
    private static final Logger LOG = LoggerFactory.getLogger(NotificationCenter.class);

    @Reference
    NotificationOutbox outbox;

    private final List<WebhookTarget> targets = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService pruner;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTarget(WebhookTarget target) {
        targets.add(target);
    }

    void removeTarget(WebhookTarget target) {
        targets.remove(target);
    }

    @Activate
    void activate() {
        pruner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "botfleet-notify-prune");
            t.setDaemon(true);
            return t;
        });
        pruner.scheduleWithFixedDelay(this::prune, 1, 60, TimeUnit.MINUTES);
    }

    @Deactivate
    void deactivate() {
        pruner.shutdownNow();
    }

    private void prune() {
        try {
            int n = outbox.prune(Clock.systemUTC().instant().minusMillis(KEEP_MILLIS));
            if (n > 0) {
                LOG.info("notification outbox: {} settled messages removed", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("notification outbox not pruned: {}", e.toString());
        }
    }

    @Override
    public List<TargetStatus> list() {
        return targets.stream().map(WebhookTarget::status).sorted(Comparator.comparing(TargetStatus::name)).toList();
    }

    @Override
    public Optional<TestOutcome> test(String name) {
        Optional<WebhookTarget> target = targets.stream().filter(t -> t.name().equals(name)).findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(target.get().test("an operator"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new TestOutcome(false, 0, "interrupted", 0));
        }
    }

    @Override
    public void publish(String type, String botId, String message, Map<String, Object> data) {
        if (!NotificationTypes.ALL.contains(type)) {
            throw new IllegalArgumentException("unknown notification type '" + type + "'");
        }
        outbox.append(type, Clock.systemUTC().instant(), botId, message, data);
        targets.forEach(WebhookTarget::wake);
    }
}
