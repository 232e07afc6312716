package io.botfleet.testkit;

import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import java.time.Instant;

/**
 * A signal the strategy emitted, with the open time of the candle it was emitted on.
 * Equal when the candle and the whole signal (type, reason, qty) are.
 */
public record RecordedSignal(Instant candleOpenTime, Signal signal) {

    public SignalType type() {
        return signal.type();
    }
}
