package io.botfleet.runtime.health;

import io.botfleet.api.admin.HealthChecks;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeProperties;
import io.botfleet.runtime.exchange.ExchangeRegistry;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Supplier;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Registers one readiness check {@code exchange:<id>/<account>} per {@link ExchangeAdapter}
 * service, for as long as that service is registered. One check per account (rather than one
 * check for all) lets /health/ready name the account that is down.
 */
@Component(immediate = true, service = {})
public final class ExchangeAccountChecks {

    private final ServiceTracker<ExchangeAdapter, ServiceRegistration<HealthCheck>> tracker;

    /** The fleet, for the account's STALE bots; absent while no bot manager runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BotManager bots;

    @Activate
    public ExchangeAccountChecks(BundleContext context,
                                 @Reference
                                 ExchangeRegistry registry) {
        tracker = new ServiceTracker<>(context, ExchangeAdapter.class, null) {
            @Override
            public ServiceRegistration<HealthCheck> addingService(ServiceReference<ExchangeAdapter> reference) {
                ExchangeAdapter adapter = context.getService(reference);
                if (adapter == null) {
                    return null;
                }
                String name = checkName(reference, adapter);
                Hashtable<String, Object> properties = new Hashtable<>();
                properties.put(HealthCheck.NAME, name);
                properties.put(HealthCheck.TAGS, new String[] {HealthChecks.READY});
                return context.registerService(HealthCheck.class,
                        new ExchangeAccountCheck(name, healthOf(registry, reference, adapter),
                                () -> staleBots(reference, adapter)), properties);
            }

            @Override
            public void removedService(ServiceReference<ExchangeAdapter> reference,
                                       ServiceRegistration<HealthCheck> registration) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework unregistered it when this bundle stopped
                }
                context.ungetService(reference);
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /**
     * The health the runtime sees: the registry's guarded account (an open circuit breaker makes
     * it DOWN), looked up at each check, or the adapter's own while the registry does not know it.
     */
    private static Supplier<AccountHealth> healthOf(
            ExchangeRegistry registry, ServiceReference<ExchangeAdapter> reference,
            ExchangeAdapter adapter) {
        Object id = reference.getProperty(ExchangeProperties.ID);
        Object account = reference.getProperty(ExchangeProperties.ACCOUNT);
        ExchangeRef ref = null;
        try {
            ref = id == null || account == null ? null : new ExchangeRef(id.toString(), account.toString());
        } catch (IllegalArgumentException invalid) {
            // an adapter with blank properties: the registry ignores it too
        }
        ExchangeRef key = ref;
        return () -> (key == null ? adapter : registry.find(key).orElse(adapter)).health();
    }

    /** Ids of the account's live bots whose candles stopped. */
    private List<String> staleBots(ServiceReference<ExchangeAdapter> reference, ExchangeAdapter adapter) {
        BotManager manager = bots;
        if (manager == null) {
            return List.of();
        }
        String id = String.valueOf(firstNonNull(reference.getProperty(ExchangeProperties.ID), adapter.exchangeId()));
        String account = String.valueOf(firstNonNull(reference.getProperty(ExchangeProperties.ACCOUNT), adapter.account()));
        return manager.list().stream()
                .filter(b -> b.feed() != null && b.feed().stale())
                .filter(b -> b.exchange().id().equals(id) && b.exchange().account().equals(account))
                .map(BotStatus::id)
                .toList();
    }

    private static Object firstNonNull(Object a, Object b) {
        return a != null ? a : b;
    }

    /** {@code exchange:<exchange.id>/<exchange.account>}, from the service properties. */
    static String checkName(ServiceReference<ExchangeAdapter> reference, ExchangeAdapter adapter) {
        Object id = reference.getProperty(ExchangeProperties.ID);
        Object account = reference.getProperty(ExchangeProperties.ACCOUNT);
        return "exchange:" + (id != null ? id : adapter.exchangeId()) + "/"
                + (account != null ? account : adapter.account());
    }
}
