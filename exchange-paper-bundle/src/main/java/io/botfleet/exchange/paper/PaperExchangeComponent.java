package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeProperties;
import io.botfleet.api.home.BotfleetHome;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Dictionary;
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
 * One paper account per factory configuration {@code io.botfleet.exchange.paper~<account>}
 * (FileInstall makes it from {@code etc/io.botfleet.exchange.paper-<account>.cfg}).
 *
 * <p>The adapter is registered by hand rather than as the component's service because its
 * {@code exchange.account} property is only known once the configuration is parsed. A changed
 * configuration deactivates and reactivates the component (no {@code @Modified}): the account
 * is reopened from its journal with the new settings.
 *
 * <p>An invalid configuration fails activation with a message naming the key; SCR logs it and
 * nothing else is affected.
 */
@Component(configurationPid = PaperConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {},
        // keys beyond the metatype, for the runtime's check of etc/ files: balance.<COIN>, instrument.<SYMBOL>.*
        property = "botfleet.config.keyPrefixes=balance.,instrument.")
@Designate(ocd = PaperAccountConfig.class, factory = true)
public class PaperExchangeComponent {

    private static final System.Logger LOG =
            System.getLogger(PaperExchangeComponent.class.getName());
    private final PaperExchange exchange;
    private final ServiceRegistration<ExchangeAdapter> registration;

    @Activate
    public PaperExchangeComponent(BundleContext context, Map<String, Object> properties) {
        Object pid = properties.get("service.pid");
        try {
            Path home = BotfleetHome.resolve(context::getProperty);
            PaperConfig config = PaperConfig.parse(properties, home);
            Path accountDir = home.resolve("data").resolve("paper").resolve(config.account());
            exchange = new PaperExchange(config, accountDir);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "paper exchange configuration {0} not activated: {1}", pid,
                    e.getMessage());
            throw e;
        }
        Dictionary<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put(ExchangeProperties.ID, PaperExchange.EXCHANGE_ID);
        serviceProperties.put(ExchangeProperties.ACCOUNT, exchange.account());
        registration = context.registerService(ExchangeAdapter.class, exchange,
                serviceProperties);
        LOG.log(Level.INFO, "paper account {0} open: {1}", exchange.account(),
                exchange.health().status());
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it first
        }
        exchange.close();
    }
}
