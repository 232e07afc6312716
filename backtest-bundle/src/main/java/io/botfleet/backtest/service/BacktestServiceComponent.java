package io.botfleet.backtest.service;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.BacktestService;
import io.botfleet.api.backtest.BacktestStore;
import io.botfleet.api.backtest.EquityPoint;
import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.api.backtest.StrategyInstances;
import io.botfleet.api.home.BotfleetHome;
import io.botfleet.api.notify.NotificationPublisher;
import io.botfleet.api.notify.NotificationTypes;
import io.botfleet.backtest.dataset.CandleDatasets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@link BacktestService} of the server: a {@link BacktestRunner} over the store, the
 * runtime's guarded strategy instances and the candle datasets under the home's
 * {@code data/candles}. Configuration PID {@code io.botfleet.backtest}.
 */
@Component(service = BacktestService.class, configurationPid = BacktestServiceComponent.PID)
@Designate(ocd = BacktestServiceComponent.Config.class)
public class BacktestServiceComponent implements BacktestService {

    public static final String PID = "io.botfleet.backtest";

    @ObjectClassDefinition(name = "Botfleet backtests", description = "The backtest pool")
    public @interface Config {
        @AttributeDefinition(description = "Threads running backtests, below the bots' priority; 0 = one per core"
                + " but one (at least one)")
        int backtestThreads() default 0;
    }

    @Reference
    BacktestStore store;

    @Reference
    StrategyInstances strategies;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile NotificationPublisher notifications;

    private BacktestRunner runner;

    @Activate
    void activate(Config config, BundleContext context) {
        int threads = config.backtestThreads() > 0 ? config.backtestThreads() : BacktestRunner.defaultThreads();
        CandleDatasets datasets = new CandleDatasets(BotfleetHome.resolve(context::getProperty)
                .resolve("data").resolve("candles"));
        runner = new BacktestRunner(store, strategies, datasets, threads, Clock.systemUTC());
        runner.onEnded(this::notifyEnded);
    }

    /** A {@code backtest} notification for the targets subscribed to it (when the notify bundle runs). */
    private void notifyEnded(Backtest b) {
        NotificationPublisher publisher = notifications;
        if (publisher == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", b.id());
        data.put("state", b.state().name());
        data.put("strategy", b.request().strategy().id());
        data.put("dataset", b.request().data().key());
        data.put("runs", b.progress().runs());
        data.put("runsDone", b.progress().runsDone());
        if (b.error() != null) {
            data.put("error", b.error());
        }
        publisher.publish(NotificationTypes.BACKTEST, null, "backtest " + b.id() + " of "
                + b.request().strategy().id() + " " + b.state() + " (" + b.progress().runsDone() + "/"
                + b.progress().runs() + " runs)" + (b.error() == null ? "" : ": " + b.error()), data);
    }

    @Deactivate
    void deactivate() {
        runner.close();
    }

    @Override
    public Backtest submit(BacktestRequest request, String actor) {
        return runner.submit(request, actor);
    }

    @Override
    public Optional<Backtest> get(String id) {
        return runner.get(id);
    }

    @Override
    public List<Backtest> list(int limit) {
        return runner.list(limit);
    }

    @Override
    public List<Backtest> recent() {
        return runner.recent();
    }

    @Override
    public List<RunFill> fills(String id, int n, int offset, int limit) {
        return runner.fills(id, n, offset, limit);
    }

    @Override
    public List<RunTrade> trades(String id, int n, int offset, int limit) {
        return runner.trades(id, n, offset, limit);
    }

    @Override
    public List<EquityPoint> equity(String id, int n, int points) {
        return runner.equity(id, n, points);
    }

    @Override
    public Removal cancelOrDelete(String id) {
        return runner.cancelOrDelete(id);
    }
}
