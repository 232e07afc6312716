package io.botfleet.control.http;

import io.botfleet.api.admin.BundleDeployment;
import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.bot.BotManager;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Puts {@link BundleRoutes} into the API while the bundle deployment service, the strategy registry and
 * the bot manager are all there; otherwise the bundle routes answer 501/503 as pending routes.
 */
@Component(service = RouteGroup.class)
public class BundleRouteGroup implements RouteGroup {

    @Reference
    BundleDeployment deployer;

    @Reference
    StrategyCatalog catalog;

    @Reference
    BotManager bots;

    @Override
    public List<Route> routes() {
        return new BundleRoutes(deployer, catalog, bots).routes();
    }
}
