package io.botfleet.runtime.exchange;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The circuit breaker per account and the guarded adapter, against a scripted venue. */
public class AccountBreakerTest {

    private static final ExchangeRef REF = new ExchangeRef("scripted", "a1");
    /** Opens after 4 calls at 50 %, probes after 200 ms, closes after 2 good probes. */
    private static final BreakerSettings FAST = new BreakerSettings(50, 4, 4, 200, 400, 2);
    /**
     * As {@link #FAST}, but its first probe comes a minute after it opened: while a test looks at
     * what an OPEN breaker does, it is still OPEN, however slowly a loaded machine runs the test.
     */
    private static final BreakerSettings SLOW_PROBE = new BreakerSettings(50, 4, 4, 60_000, 60_000, 2);

    private final ScriptedVenue venue = new ScriptedVenue();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private ExchangeRegistry registry;
    private ExchangeAdapter account;

    @Before
    public void setUp() {
        open(FAST);
    }

    private void open(BreakerSettings settings) {
        if (registry != null) {
            registry.close();
        }
        registry = new ExchangeRegistry(settings);
        registry.addListener(new ExchangeRegistry.Listener() {
            @Override
            public void accountAdded(ExchangeRef ref, ExchangeAdapter adapter) {
            }

            @Override
            public void accountRemoved(ExchangeRef ref, ExchangeAdapter adapter) {
            }

            @Override
            public void breakerOpened(ExchangeRef ref, String reason) {
                told.add("opened " + reason);
            }

            @Override
            public void breakerClosed(ExchangeRef ref) {
                told.add("closed");
            }
        });
        registry.addAdapter(venue, Map.of("exchange.id", "scripted", "exchange.account", "a1"));
        account = registry.find(REF).orElseThrow();
    }

    @After
    public void tearDown() {
        registry.close();
    }

    @Test
    public void transientFailuresOpenItRefusalsNeverReachTheVenueAndProbesCloseIt() throws Exception {
        open(SLOW_PROBE);
        openTheBreaker();
        int sent = venue.calls.get();
        failsWith(account.instrument("X").toCompletableFuture(), FailureClass.CIRCUIT_OPEN);
        failsWith(account.place(order("o9")).toCompletableFuture(), FailureClass.CIRCUIT_OPEN);
        assertEquals("an open breaker sends nothing", sent, venue.calls.get());
        assertTrue(registry.breaker(REF).orElseThrow().notPermittedTotal() >= 2);

        // the same with probes 200 ms after the opening, which close it once the venue answers
        told.clear();
        open(FAST);
        openTheBreaker();
        int before = venue.calls.get();
        // still down: probes fail and it stays open (no second "opened")
        await("a failed probe round", () -> venue.calls.get() > before);
        assertEquals(1, told.size());

        venue.failure = null;
        await("closed by probes", () -> registry.breaker(REF).orElseThrow().state() == AccountBreaker.State.CLOSED);
        await("listener told", () -> told.contains("closed"));
        assertNull(registry.blockedReason(REF));
        assertEquals(AccountStatus.UP, account.health().status());
        assertEquals(1, registry.breaker(REF).orElseThrow().openedTotal());
        account.instrument("X").toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void openTheBreaker() throws Exception {
        venue.failure = ErrorKind.TRANSIENT;
        for (int i = 0; i < 4; i++) {
            failsWith(account.place(order("o" + i)).toCompletableFuture(), "test");
        }
        assertEquals(AccountBreaker.State.OPEN, registry.breaker(REF).orElseThrow().state());
        assertEquals(1, told.size());
        assertTrue(told.get(0), told.get(0).contains("exchange account scripted/a1: circuit breaker OPEN"));
        assertNotNull(registry.blockedReason(REF));
        assertEquals(AccountStatus.DOWN, account.health().status());
    }

    @Test
    public void rejectionsAndUnknownOrdersAreAnswersNotFailures() throws Exception {
        venue.failure = ErrorKind.REJECTED;
        for (int i = 0; i < 10; i++) {
            failsWith(account.place(order("r" + i)).toCompletableFuture(), "test");
        }
        venue.failure = ErrorKind.NOT_FOUND;
        for (int i = 0; i < 10; i++) {
            failsWith(account.instrument("NOPE").toCompletableFuture(), "test");
        }
        assertEquals(AccountBreaker.State.CLOSED, registry.breaker(REF).orElseThrow().state());
        assertEquals("a rejection or a NOT_FOUND is never retried", 20, venue.calls.get());
        assertEquals(List.of(), told);
    }

    @Test
    public void everyCallIsSentOnceRetriesAreTheAdapters() throws Exception {
        venue.failNext.set(1);
        failsWith(account.findByClientOrderId("X", "c1").toCompletableFuture(), "test");
        assertEquals("a transient read failure is the adapter's to retry, not sent again here", 1, venue.calls.get());
        account.findByClientOrderId("X", "c1").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(2, venue.calls.get());

        venue.failNext.set(1);
        failsWith(account.place(order("p1")).toCompletableFuture(), "test");
        assertEquals("a create is sent once, whatever happens", 1, venue.places.get());
        assertEquals("each call counted once", 2, registry.breaker(REF).orElseThrow().failuresTotal());
    }

    @Test
    public void aRemovedAccountIsForgotten() {
        registry.removeAdapter(venue, Map.of("exchange.id", "scripted", "exchange.account", "a1"));
        assertTrue(registry.find(REF).isEmpty());
        assertNull(registry.blockedReason(REF));
        assertEquals(List.of(), registry.breakers());
    }

    @Test
    public void badSettingsFallBackToDefaults() {
        BreakerSettings s = new BreakerSettings(0, -1, 50, 0, 0, 0);
        assertEquals(50, s.failureRateThreshold());
        assertEquals(20, s.slidingWindowSize());
        assertEquals(20, s.minimumNumberOfCalls());
        assertEquals(10_000, s.waitInOpenStateMillis());
        assertEquals(3, s.permittedCallsInHalfOpenState());
    }

    private static OrderRequest order(String id) {
        return new OrderRequest(id, "X", OrderSide.BUY, OrderType.MARKET, BigDecimal.ONE, null, false);
    }

    private static void failsWith(java.util.concurrent.CompletableFuture<?> call, String code) throws Exception {
        try {
            call.get(5, TimeUnit.SECONDS);
            fail("expected a failure " + code);
        } catch (ExecutionException e) {
            ExchangeException x = ExchangeException.find(e);
            assertNotNull(String.valueOf(e.getCause()), x);
            assertEquals(x.getMessage(), code, x.code());
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
