package io.botfleet.runtime.strategy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.runtime.guard.PoolCompensation;
import io.botfleet.runtime.guard.StrategyCallGuard;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** A backtest's strategy instance under the guard: a hang becomes an exception on the run's thread. */
public class GuardedStrategyTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final StrategyCallGuard guard = new StrategyCallGuard(new StrategyCallGuard.Limits(50, 0, 100),
            PoolCompensation.none(), timer);

    @After
    public void stop() {
        guard.close();
        timer.shutdownNow();
    }

    /** Spins forever without looking at interrupts: only a stop ends it. */
    static class Spins implements Strategy {
        volatile long spins;

        @Override
        public void configure(Map<String, Object> params) {
        }

        @Override
        public int warmupCandles() {
            return 0;
        }

        @Override
        public void onCandle(Candle candle, StrategyContext context) {
            while (true) {
                spins++;
            }
        }

        @Override
        public Map<String, Object> snapshot() {
            return Map.of();
        }

        @Override
        public void restore(Map<String, Object> snapshot, String fromVersion) {
        }
    }

    @Test
    public void aHangingCallEndsInAnExceptionSayingWhyAndTheThreadGoesOn() {
        GuardedStrategy guarded = new GuardedStrategy(new Spins(), guard, "spinner 1.0.0");
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guarded.onCandle(null, null));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getMessage(), e.getMessage().contains("spinner 1.0.0 ran longer than 50 ms in onCandle"));
        assertTrue("ended after " + millis + " ms", millis < 5_000);
        assertTrue("the thread is not left interrupted", !Thread.currentThread().isInterrupted());
        // the same thread calls into strategies again
        GuardedStrategy next = new GuardedStrategy(new Spins() {
            @Override
            public int warmupCandles() {
                return 7;
            }
        }, guard, "other 1.0.0");
        assertEquals(7, next.warmupCandles());
    }

    @Test
    public void aStrategysOwnExceptionPassesAsItIs() {
        GuardedStrategy guarded = new GuardedStrategy(new Spins() {
            @Override
            public void configure(Map<String, Object> params) {
                throw new IllegalArgumentException("fast must be > 0");
            }
        }, guard, "refuses 1.0.0");
        assertEquals("fast must be > 0", assertThrows(IllegalArgumentException.class,
                () -> guarded.configure(Map.of())).getMessage());
    }
}
