package io.botfleet.exchange.bybit;

import static org.junit.Assert.fail;

import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Builds adapters pointed at a {@link FakeBybit}, with timings short enough for tests. */
public final class Fixture {

    private Fixture() {
    }

    public static BybitSettings.Tuning fastTuning() {
        return BybitSettings.Tuning.defaults()
                .withRequestTimeout(Duration.ofMillis(1000))
                .withPingInterval(Duration.ofMillis(1000))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(800))
                .withPollInterval(Duration.ofMillis(200))
                .withRetryBackoff(Duration.ofMillis(40))
                .withUnreachableAfter(Duration.ofSeconds(2));
    }

    public static BybitSettings.Builder settings(FakeBybit fake, Category category) {
        return BybitSettings.builder("acct-" + category.wire())
                .apiKey(FakeBybit.KEY).apiSecret(FakeBybit.SECRET).category(category)
                .restUrl(fake.restUrl()).wsPublicUrl(fake.wsPublicUrl(category.wire()))
                .wsPrivateUrl(fake.wsPrivateUrl()).tuning(fastTuning());
    }

    public static BybitExchangeAdapter adapter(FakeBybit fake, Category category) {
        return new BybitExchangeAdapter(settings(fake, category).build());
    }

    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("call failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("call did not complete: " + e, e);
        }
    }

    /** The typed failure of a stage that must fail. */
    public static ExchangeException failure(CompletionStage<?> stage) {
        try {
            Object v = stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
            fail("expected a failure, got " + v);
            return null;
        } catch (ExecutionException e) {
            ExchangeException x = ExchangeException.find(e);
            if (x == null) {
                throw new AssertionError("untyped failure", e.getCause());
            }
            return x;
        } catch (Exception e) {
            throw new AssertionError("call did not complete: " + e, e);
        }
    }

    public static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
