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
     * @param catchUp true when the candle was fetched to fill a gap (after a restart or a
     *                reconnect) rather than pushed live. Informational only: whether its signals
     *                are traded is a matter of time, not of path. A candle is current while its
     *                close time is less than one interval plus the adapter's
     *                {@link ExchangeAdapter#candleLateness()} before {@link ExchangeAdapter#now()};
     *                current candles are traded however they came, older ones are history
     *                (strategies see them, no order follows)
     * @return a stage that completes once the candle has been consumed. A replaying source waits
     *         for it before the next candle (back-pressure, so a backtest skips nothing); a live
     *         source may ignore it.
     */
    CompletionStage<?> onCandle(Candle candle, boolean catchUp);
}
