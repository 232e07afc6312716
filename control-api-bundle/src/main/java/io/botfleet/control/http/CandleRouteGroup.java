package io.botfleet.control.http;

import io.botfleet.api.dataset.CandleDatasetService;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Puts {@link CandleRoutes} into the API while the candle dataset service (the backtest bundle) is
 * there; otherwise the candle routes answer 501 as pending routes.
 */
@Component(service = RouteGroup.class)
public class CandleRouteGroup implements RouteGroup {

    @Reference
    CandleDatasetService datasets;

    @Override
    public List<Route> routes() {
        return new CandleRoutes(datasets).routes();
    }
}
