package io.botfleet.notify;

import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.notify.NotificationTypes;
import io.botfleet.api.notify.TargetStatus;
import io.botfleet.api.notify.TestOutcome;
import io.botfleet.api.retry.Backoff;
import io.botfleet.api.store.NotificationOutbox;
import io.botfleet.api.store.OutboxMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notification target, {@code etc/io.botfleet.notify.webhook-<name>.cfg}: its sender runs while
 * the configuration and the outbox are there. A configuration that cannot work (no URL, a bad
 * format) still shows in the API, FAILING with the reason, instead of vanishing into the log.
 */
@Component(service = WebhookTarget.class, configurationPid = TargetSettings.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookConfig.class, factory = true)
public final class WebhookTarget {

    /** First retry after about a second, doubling to at most ten minutes, each ±30 %. */
    static final Backoff BACKOFF = Backoff.spread(1_000, 600_000, 0.3);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookTarget.class);

    @Reference
    NotificationOutbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BotManager bots;

    private WebhookSender sender;
    private String name;
    private String configurationError;

    @Activate
    void activate(Map<String, Object> properties) {
        name = TargetSettings.nameOf(properties);
        TargetSettings settings;
        try {
            settings = TargetSettings.read(properties, System::getenv);
        } catch (IllegalArgumentException e) {
            configurationError = e.getMessage();
            LOG.error("notification target {} is not started: {}", name, configurationError);
            return;
        }
        settings.warnings().forEach(w -> LOG.warn("{}", w));
        sender = new WebhookSender(settings, outbox, this::accountOf, BACKOFF, Clock.systemUTC());
        sender.start();
    }

    @Deactivate
    void deactivate() {
        if (sender != null) {
            sender.stop();
        }
    }

    private ExchangeRef accountOf(String botId) {
        BotManager manager = bots;
        if (manager == null) {
            return null;
        }
        try {
            return manager.config(botId).exchange();
        } catch (RuntimeException unknownBot) {
            return null;
        }
    }

    String name() {
        return name;
    }

    void wake() {
        if (sender != null) {
            sender.wake();
        }
    }

    TargetStatus status() {
        if (sender == null) {
            return new TargetStatus(name, "?", List.of(), "*", TargetStatus.State.FAILING, 0, 0, 0, null,
                    configurationError, List.of());
        }
        return sender.status();
    }

    /** Sends a test message now, beside the queue (it is never stored, so never resent). */
    TestOutcome test(String actor) throws InterruptedException {
        if (sender == null) {
            return new TestOutcome(false, 0, configurationError, 0);
        }
        TargetSettings settings = sender.settings();
        OutboxMessage m = new OutboxMessage(0, UUID.randomUUID().toString(), NotificationTypes.TEST,
                Clock.systemUTC().instant(), null, "test message from " + actor, Map.of(), Clock.systemUTC().instant());
        Attempt a = sender.http().post(m.deliveryId(), Payloads.body(settings, m, null, null));
        return new TestOutcome(a.delivered(), a.status(), a.describe(), a.millis());
    }
}
