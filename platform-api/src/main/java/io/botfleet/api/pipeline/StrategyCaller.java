package io.botfleet.api.pipeline;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the pipeline calls a strategy: the runtime wraps the call in its time and allocation
 * guard; code that trusts the strategy (a unit test) calls it directly.
 */
@ConsumerType
@FunctionalInterface
public interface StrategyCaller {

    /** Calls the strategy as it is, without limits. */
    StrategyCaller DIRECT = Strategy::onCandle;

    void onCandle(Strategy strategy, Candle candle, StrategyContext context);
}
