package io.botfleet.exchange.bybit.config;

import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeProperties;
import io.botfleet.exchange.bybit.BybitExchangeAdapter;
import io.botfleet.exchange.bybit.BybitSettings;
import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One {@link ExchangeAdapter} per factory configuration {@code io.botfleet.exchange.bybit~name}.
 *
 * <p>The component registers the adapter itself rather than being the service: the
 * {@code exchange.account} property is computed (it defaults to the configuration's name) and DS
 * can only publish properties that are in the configuration or fixed in the annotation. A changed
 * configuration deactivates and re-activates the component (no {@code @Modified}): new credentials
 * or URLs get a fresh adapter, and the old one's streams and threads are closed.
 */
@Designate(ocd = BybitConfiguration.class, factory = true)
@Component(configurationPid = SettingsFactory.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
public final class BybitAdapterComponent {

    private static final System.Logger LOG = System.getLogger(BybitAdapterComponent.class.getName());

    private BybitExchangeAdapter adapter;
    private ServiceRegistration<ExchangeAdapter> registration;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        BybitSettings settings = SettingsFactory.fromMap(properties);
        adapter = new BybitExchangeAdapter(settings);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ExchangeProperties.ID, BybitExchangeAdapter.EXCHANGE_ID);
        props.put(ExchangeProperties.ACCOUNT, settings.account());
        props.put("bybit.category", settings.category().wire());
        props.put("service.description", "Bybit V5 account " + settings.account());
        registration = context.registerService(ExchangeAdapter.class, adapter, props);
        LOG.log(Level.INFO, "Bybit account {0} registered ({1})", settings.account(),
                settings.category().wire());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and has unregistered it already
            }
            registration = null;
        }
        if (adapter != null) {
            adapter.close();
            adapter = null;
        }
    }
}
