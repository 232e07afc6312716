package io.botfleet.api.strategy;

import java.math.BigDecimal;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the runtime offers a strategy during one callback. Valid only for the duration of the
 * {@link Strategy} call it is passed to, and only on that thread; do not keep it.
 */
@ProviderType
public interface StrategyContext {

    /** The id of the bot this strategy instance serves. */
    String botId();

    /** The symbol the bot trades. */
    String symbol();

    /**
     * The bot's current position in the base coin: positive long, negative short, zero flat.
     * It reflects fills already applied, not orders still open.
     */
    BigDecimal positionQty();

    /**
     * Emits a signal. Signals are handed to the risk gate after the callback returns, in the
     * order emitted. Emitting during warm-up or catch-up is allowed; the runtime then records
     * the signal but sends no order.
     */
    void emit(Signal signal);
}
