package io.botfleet.control.http;

import io.botfleet.api.backtest.BacktestService;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Puts {@link BacktestRoutes} into the API while the backtest service is there; otherwise the
 * backtest routes answer 501 as pending routes.
 */
@Component(service = RouteGroup.class)
public class BacktestRouteGroup implements RouteGroup {

    @Reference
    BacktestService backtests;

    @Override
    public List<Route> routes() {
        return new BacktestRoutes(() -> backtests).routes();
    }
}
