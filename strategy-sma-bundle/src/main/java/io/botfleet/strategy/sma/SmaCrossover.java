package io.botfleet.strategy.sma;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.api.strategy.StrategyProperties;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * Long-only simple-moving-average crossover over candle closes.
 *
 * <p>On each closed candle {@code i}, once both averages are defined at {@code i-1} and
 * {@code i}: ENTER_LONG when {@code fast(i-1) <= slow(i-1)} and {@code fast(i) > slow(i)};
 * EXIT_LONG when {@code fast(i-1) >= slow(i-1)} and {@code fast(i) < slow(i)}. An entry is only
 * emitted while the bot is flat and an exit only while it is long, so the signals alternate.
 *
 * <p>Prototype scope: the runtime takes one instance per bot, so an instance holds exactly one
 * bot's window and needs no locking (the runtime never calls it concurrently). The strategy
 * version is deliberately not set here: the runtime takes it from the bundle version.
 */
@Component(service = Strategy.class, scope = ServiceScope.PROTOTYPE, property = {
        StrategyProperties.ID + "=" + SmaCrossover.ID,
        StrategyProperties.DESCRIPTION + "=" + SmaCrossover.DESCRIPTION,
        StrategyProperties.PARAMS_SCHEMA + "=" + SmaParams.JSON_SCHEMA})
public class SmaCrossover implements Strategy {

    public static final String ID = "sma-crossover";
    static final String DESCRIPTION = "Long-only SMA crossover: buys when the fast average of"
            + " closes crosses above the slow one, sells when it crosses below";

    private SmaParams params;
    private MovingSums sums;
    /** Sign of fast - slow at the previous candle; meaningful only when {@link #hasPrevious}. */
    private int previousRelation;
    private boolean hasPrevious;
    private Signal enter;
    private Signal exit;

    @Override
    public void configure(Map<String, Object> params) {
        this.params = SmaParams.from(params);
        this.sums = new MovingSums(this.params.fast(), this.params.slow());
        this.hasPrevious = false;
        String name = "sma " + this.params.fast() + "/" + this.params.slow();
        // Built once: onCandle runs millions of times in a backtest and should not allocate.
        this.enter = Signal.of(SignalType.ENTER_LONG, name + " cross up");
        this.exit = Signal.of(SignalType.EXIT_LONG, name + " cross down");
    }

    /** {@code slow} closes fill the window; one more gives the previous bar's relation. */
    @Override
    public int warmupCandles() {
        return configured().slow() + 1;
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        configured();
        if (!candle.closed()) {
            return; // the runtime only delivers closed candles; an open one decides nothing
        }
        sums.add(candle.close());
        if (!sums.full()) {
            return;
        }
        int relation = sums.fastVersusSlow();
        if (hasPrevious) {
            int position = context.positionQty().signum();
            if (previousRelation <= 0 && relation > 0 && position == 0) {
                context.emit(enter);
            } else if (previousRelation >= 0 && relation < 0 && position > 0) {
                context.emit(exit);
            }
        }
        previousRelation = relation;
        hasPrevious = true;
    }

    @Override
    public Map<String, Object> snapshot() {
        return SmaSnapshot.of(configured(), sums.closes());
    }

    /**
     * Rebuilds the window from a snapshot, also one taken with other lengths (the bot's params
     * changed): the last {@code slow} closes are kept, and a shorter history simply warms up
     * again. The previous bar's relation follows from the window, so it is not stored.
     */
    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
        SmaParams current = configured();
        MovingSums restored = new MovingSums(current.fast(), current.slow());
        SmaSnapshot.closes(snapshot).forEach(restored::add);
        sums = restored;
        hasPrevious = restored.full();
        if (hasPrevious) {
            previousRelation = restored.fastVersusSlow();
        }
    }

    private SmaParams configured() {
        if (params == null) {
            throw new IllegalStateException("configure() must be called first");
        }
        return params;
    }
}
