package io.botfleet.runtime.market;

import io.botfleet.api.market.Candle;
import java.util.concurrent.CompletionStage;

/** A bot as the hub sees it. */
public interface CandleConsumer {

    /**
     * Offers a closed candle; must not block. The stage completes when the candle is consumed
     * (journaled, its orders handed to the exchange), which paces a replaying source.
     */
    CompletionStage<?> offer(Candle candle, boolean catchUp);
}
