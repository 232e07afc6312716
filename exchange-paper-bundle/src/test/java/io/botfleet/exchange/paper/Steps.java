package io.botfleet.exchange.paper;

import static org.junit.Assert.assertNotNull;

import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.market.Candle;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A candle listener the test drives by hand: each candle waits in a queue with the stage the
 * listener returned, and the stream may go on only once the test completes that stage.
 */
final class Steps implements CandleListener {

    record Step(Candle candle, boolean catchUp, CompletableFuture<Void> consumed) {
        void done() {
            consumed.complete(null);
        }
    }

    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();

    @Override
    public CompletionStage<?> onCandle(Candle candle, boolean catchUp) {
        Step step = new Step(candle, catchUp, new CompletableFuture<>());
        steps.add(step);
        return step.consumed();
    }

    /** The next delivered candle, waiting up to 5 s. */
    Step next() throws InterruptedException {
        Step step = steps.poll(5, TimeUnit.SECONDS);
        assertNotNull("no candle delivered within 5 s", step);
        return step;
    }

    /** A candle delivered within {@code millis}, or null. */
    Step poll(long millis) throws InterruptedException {
        return steps.poll(millis, TimeUnit.MILLISECONDS);
    }
}
