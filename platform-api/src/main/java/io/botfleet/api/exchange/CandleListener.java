package io.botfleet.api.exchange;

import io.botfleet.api.market.Candle;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives closed candles of one subscription, in open-time order, each once.
 */
@ConsumerType
public interface CandleListener {

    /**
     * Delivers one closed candle. Called from the adapter's own thread, never concurrently for
     * one subscription; must not block.
     *
     * @param candle  a closed candle
     * @param catchUp true when the candle is history fetched to fill a gap (after a restart or a
     *                reconnect) rather than a live close: strategies see it, but no order follows
     * @return a stage that completes once the candle has been consumed. A replaying source waits
     *         for it before the next candle (back-pressure, so a backtest skips nothing); a live
     *         source may ignore it.
     */
    CompletionStage<?> onCandle(Candle candle, boolean catchUp);
}
