package io.botfleet.api.backtest;

import io.botfleet.api.strategy.Strategy;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Lends backtests instances of installed strategy versions: prototype instances from the
 * strategy registry, every call into them under the runtime's strategy call guard (a call that
 * runs too long or allocates too much throws, and the run it belongs to fails). Implemented by
 * the runtime.
 */
@ProviderType
public interface StrategyInstances {

    /**
     * A new instance of exactly this version; close it when done.
     *
     * @throws BacktestNotFoundException naming the strategy or the version when it is not installed
     */
    Lease lease(String id, String version);

    /** One instance, guarded. */
    interface Lease extends AutoCloseable {

        /** The instance; each call throws {@link IllegalStateException} once abandoned by the guard. */
        Strategy strategy();

        /** Gives the instance back to the registry. */
        @Override
        void close();
    }
}
