package io.botfleet.strategy.rsi;

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
 * Long-only mean reversion on Cutler's RSI (simple averages of the gains and of the losses of
 * the last {@code period} close-to-close changes).
 *
 * <p>On each closed candle, once the RSI is defined at the previous and at this candle:
 * ENTER_LONG when it crosses below {@code lower} (previous {@code >= lower}, now
 * {@code < lower}) while the bot is flat; EXIT_LONG when it crosses above {@code upper}
 * (previous {@code <= upper}, now {@code > upper}) while the bot is long. Touching a threshold
 * exactly is not crossing it; leaving it is. Every comparison is exact (see
 * {@link GainLossWindow}).
 *
 * <p>Prototype scope: the runtime takes one instance per bot, so an instance holds exactly one
 * bot's window and needs no locking. The strategy version is the bundle version.
 */
@Component(service = Strategy.class, scope = ServiceScope.PROTOTYPE, property = {
        StrategyProperties.ID + "=" + RsiReversion.ID,
        StrategyProperties.DESCRIPTION + "=" + RsiReversion.DESCRIPTION,
        StrategyProperties.PARAMS_SCHEMA + "=" + RsiParams.JSON_SCHEMA})
public class RsiReversion implements Strategy {

    public static final String ID = "rsi-reversion";
    static final String DESCRIPTION = "Long-only RSI mean reversion: buys when Cutler's RSI"
            + " crosses below lower, sells when it crosses above upper";

    private RsiParams params;
    private GainLossWindow window;
    /** The zone at the previous candle; UNDEFINED until the window first fills. */
    private RsiZone previous = RsiZone.UNDEFINED;
    private Signal enter;
    private Signal exit;

    @Override
    public void configure(Map<String, Object> params) {
        this.params = RsiParams.from(params);
        this.window = new GainLossWindow(this.params.period());
        this.previous = RsiZone.UNDEFINED;
        String name = "rsi " + this.params.period();
        // Built once: onCandle runs millions of times in a backtest and should not allocate.
        this.enter = Signal.of(SignalType.ENTER_LONG,
                name + " below " + this.params.lower().toPlainString());
        this.exit = Signal.of(SignalType.EXIT_LONG,
                name + " above " + this.params.upper().toPlainString());
    }

    /** {@code period + 1} closes give the first RSI; one more gives the previous candle's. */
    @Override
    public int warmupCandles() {
        return configured().period() + 2;
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        RsiParams p = configured();
        if (!candle.closed()) {
            return; // the runtime only delivers closed candles; an open one decides nothing
        }
        window.add(candle.close());
        if (!window.full()) {
            return;
        }
        RsiZone zone = window.zone(p.lower(), p.upper());
        int position = context.positionQty().signum();
        if (zone == RsiZone.BELOW && (previous == RsiZone.BETWEEN || previous == RsiZone.ABOVE)
                && position == 0) {
            context.emit(enter);
        } else if (zone == RsiZone.ABOVE
                && (previous == RsiZone.BELOW || previous == RsiZone.BETWEEN) && position > 0) {
            context.emit(exit);
        }
        previous = zone;
    }

    @Override
    public Map<String, Object> snapshot() {
        return RsiSnapshot.of(configured(), window.closes());
    }

    /**
     * Rebuilds the window from a snapshot, also one taken with another period: the last
     * {@code period + 1} closes are kept, and a shorter history simply warms up again. The
     * previous candle's zone is the zone of the rebuilt window.
     */
    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
        RsiParams current = configured();
        GainLossWindow restored = new GainLossWindow(current.period());
        RsiSnapshot.closes(snapshot).forEach(restored::add);
        window = restored;
        previous = restored.full() ? restored.zone(current.lower(), current.upper())
                : RsiZone.UNDEFINED;
    }

    private RsiParams configured() {
        if (params == null) {
            throw new IllegalStateException("configure() must be called first");
        }
        return params;
    }
}
