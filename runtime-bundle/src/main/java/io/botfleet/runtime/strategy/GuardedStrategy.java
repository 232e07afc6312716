package io.botfleet.runtime.strategy;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.runtime.guard.AbandonedCall;
import io.botfleet.runtime.guard.StrategyCallGuard;
import java.util.Map;

/**
 * A strategy instance whose every call runs under a {@link StrategyCallGuard}. A call the guard
 * abandons (too long, too much allocated) ends in an {@link IllegalStateException} saying why, on
 * the caller's thread, once the strategy's frames have unwound (interrupted, or stopped after the
 * grace period): the caller, a backtest run, fails with that reason.
 */
final class GuardedStrategy implements Strategy, StrategyCallGuard.Owner {

    private final Strategy delegate;
    private final StrategyCallGuard guard;
    private final String name;
    private volatile String breach;

    GuardedStrategy(Strategy delegate, StrategyCallGuard guard, String name) {
        this.delegate = delegate;
        this.guard = guard;
        this.name = name;
    }

    @Override
    public void onRunaway(String what) {
        breach = what;
    }

    @Override
    public void configure(Map<String, Object> params) {
        StrategyCallGuard.Slot slot = guard.enter(this, "configure");
        try {
            delegate.configure(params);
        } finally {
            exit(slot);
        }
    }

    @Override
    public int warmupCandles() {
        StrategyCallGuard.Slot slot = guard.enter(this, "warmupCandles");
        try {
            return delegate.warmupCandles();
        } finally {
            exit(slot);
        }
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        StrategyCallGuard.Slot slot = guard.enter(this, "onCandle");
        try {
            delegate.onCandle(candle, context);
        } finally {
            exit(slot);
        }
    }

    @Override
    public void onFill(FillEvent fill, StrategyContext context) {
        StrategyCallGuard.Slot slot = guard.enter(this, "onFill");
        try {
            delegate.onFill(fill, context);
        } finally {
            exit(slot);
        }
    }

    @Override
    public Map<String, Object> snapshot() {
        StrategyCallGuard.Slot slot = guard.enter(this, "snapshot");
        try {
            return delegate.snapshot();
        } finally {
            exit(slot);
        }
    }

    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
        StrategyCallGuard.Slot slot = guard.enter(this, "restore");
        try {
            delegate.restore(snapshot, fromVersion);
        } finally {
            exit(slot);
        }
    }

    /** Ends the call; an abandoned one becomes an exception the caller's ordinary handling sees. */
    private void exit(StrategyCallGuard.Slot slot) {
        try {
            guard.exit(slot);
        } catch (AbandonedCall abandoned) {
            throw new IllegalStateException("strategy " + name + " " + (breach == null ? "was abandoned" : breach)
                    + ": abandoned by the strategy call guard");
        }
    }
}
