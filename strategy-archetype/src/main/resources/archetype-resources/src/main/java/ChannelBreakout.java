package ${package};

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
 * A long-only channel breakout, the example to replace with your own rules.
 *
 * <p>On each closed candle, once {@code entryPeriod} and {@code exitPeriod} earlier closes are
 * known: ENTER_LONG when the bot is flat and the close is above every one of the last
 * {@code entryPeriod} closes before it; EXIT_LONG when the bot is long and the close is below
 * every one of the last {@code exitPeriod} closes before it. Equal is not above: a close that
 * only matches the high does not break out. Every comparison is exact ({@code BigDecimal}).
 *
 * <p>Prototype scope: every bot gets its own instance, called by one thread at a time, so no
 * locking. The strategy version is the bundle version, which is the Maven project version.
 */
@Component(service = Strategy.class, scope = ServiceScope.PROTOTYPE, property = {
        StrategyProperties.ID + "=" + ChannelBreakout.ID,
        StrategyProperties.DESCRIPTION + "=Long-only channel breakout: buys above the recent closes, sells below",
        StrategyProperties.PARAMS_SCHEMA + "=" + ChannelBreakoutParams.JSON_SCHEMA})
public class ChannelBreakout implements Strategy {

    /** What bots name this strategy by; never change it once bots use it. */
    public static final String ID = "${strategyId}";

    private ChannelBreakoutParams params;
    private ClosesWindow window;
    private Signal enter;
    private Signal exit;

    @Override
    public void configure(Map<String, Object> params) {
        this.params = ChannelBreakoutParams.from(params);
        this.window = new ClosesWindow(this.params.longestPeriod());
        // built once: onCandle runs for every candle of every bot, so it should not allocate
        this.enter = Signal.of(SignalType.ENTER_LONG, "close above the last "
                + this.params.entryPeriod() + " closes");
        this.exit = Signal.of(SignalType.EXIT_LONG, "close below the last "
                + this.params.exitPeriod() + " closes");
    }

    /** The earlier closes the first decision compares with, plus the candle deciding. */
    @Override
    public int warmupCandles() {
        return configured().longestPeriod() + 1;
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        ChannelBreakoutParams p = configured();
        if (!candle.closed()) {
            return; // the runtime delivers closed candles only; an open one decides nothing
        }
        if (window.size() >= p.longestPeriod()) {
            int position = context.positionQty().signum();
            if (position == 0 && window.isAboveAll(candle.close(), p.entryPeriod())) {
                context.emit(enter);
            } else if (position > 0 && window.isBelowAll(candle.close(), p.exitPeriod())) {
                context.emit(exit);
            }
        }
        window.add(candle.close());
    }

    /** {@code {"format":1,"closes":["42000.5", ...]}}: plain data, decimals as strings. */
    @Override
    public Map<String, Object> snapshot() {
        configured();
        return ChannelBreakoutSnapshot.of(window.closes());
    }

    /**
     * Rebuilds the window from a snapshot of any version that wrote format 1, also one taken
     * with other periods: the newest closes are kept, a shorter history warms up again.
     * Garbage is refused with an IllegalArgumentException and the old window stays.
     */
    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
        ClosesWindow restored = new ClosesWindow(configured().longestPeriod());
        ChannelBreakoutSnapshot.closes(snapshot).forEach(restored::add);
        window = restored;
    }

    private ChannelBreakoutParams configured() {
        if (params == null) {
            throw new IllegalStateException("configure() must be called first");
        }
        return params;
    }
}
