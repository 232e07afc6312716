package io.botfleet.runtime.strategy;

import io.botfleet.api.backtest.BacktestNotFoundException;
import io.botfleet.api.backtest.StrategyInstances;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.runtime.guard.PoolCompensation;
import io.botfleet.runtime.guard.StrategyCallGuard;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Lends backtests prototype instances of installed strategy versions from the registry, each
 * call under a strategy call guard with the fleet's limits ({@code strategyCallTimeoutMillis},
 * {@code strategyCallMaxAllocationMb} of PID {@code io.botfleet.runtime}, whose metatype the
 * fleet declares). The guard has its own timer, so backtests never delay the bots' one.
 */
@Component(service = StrategyInstances.class, configurationPid = "io.botfleet.runtime")
public class GuardedStrategyInstances implements StrategyInstances {

    /** The two keys of the fleet's configuration this component reads. */
    @interface Limits {
        long strategyCallTimeoutMillis() default 2000;

        long strategyCallMaxAllocationMb() default 256;
    }

    @Reference
    StrategyRegistry registry;

    private ScheduledExecutorService timer;
    private StrategyCallGuard guard;

    @Activate
    void activate(Limits limits) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "botfleet-backtest-guard");
            t.setDaemon(true);
            return t;
        });
        long millis = limits.strategyCallTimeoutMillis();
        guard = new StrategyCallGuard(new StrategyCallGuard.Limits(millis, limits.strategyCallMaxAllocationMb() << 20,
                Math.min(1000, millis)), PoolCompensation.none(), timer);
    }

    @Deactivate
    void deactivate() {
        guard.close();
        timer.shutdownNow();
    }

    @Override
    public Lease lease(String id, String version) {
        StrategyProvider provider = registry.find(id, version).orElseThrow(() -> notFound(id, version));
        Strategy instance = provider.newInstance();
        if (instance == null) {
            throw new BacktestNotFoundException("strategy " + id + " " + version + " went away");
        }
        GuardedStrategy guarded = new GuardedStrategy(instance, guard, id + " " + version);
        return new Lease() {
            @Override
            public Strategy strategy() {
                return guarded;
            }

            @Override
            public void close() {
                provider.release(instance);
            }
        };
    }

    private BacktestNotFoundException notFound(String id, String version) {
        if (!registry.knows(id)) {
            return new BacktestNotFoundException("strategy '" + id + "' is not installed");
        }
        List<String> installed = registry.all().stream().filter(p -> p.id().equals(id))
                .map(StrategyProvider::versionString).toList();
        return new BacktestNotFoundException("strategy " + id + " has no version '" + version + "' installed (installed: "
                + String.join(", ", installed) + ")");
    }
}
