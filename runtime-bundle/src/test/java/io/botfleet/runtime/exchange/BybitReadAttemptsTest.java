package io.botfleet.runtime.exchange;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.exchange.bybit.BybitExchangeAdapter;
import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.Category;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * How often one read of a Bybit account reaches the venue when it fails transiently, through the
 * whole path a bot's read takes: the runtime's guarded account (its circuit breaker) over the
 * real Bybit adapter, against a real HTTP server. One layer retries (the adapter's REST client,
 * 3 retries by default), so a read that keeps failing is sent 4 times, not 4 x 4.
 */
public class BybitReadAttemptsTest {

    private static final String WALLET = "/v5/account/wallet-balance";
    private static final ExchangeRef REF = new ExchangeRef("bybit", "main");

    private final AtomicInteger walletRequests = new AtomicInteger();
    /** How many wallet requests are answered 503 before the venue answers. */
    private volatile int failFirst;
    private HttpServer server;
    private BybitExchangeAdapter bybit;
    private ExchangeRegistry registry;
    private ExchangeAdapter account;

    @Before
    public void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v5/market/time", ex -> answer(ex, 200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":"
                + "{\"timeSecond\":\"" + System.currentTimeMillis() / 1000 + "\",\"timeNano\":\""
                + System.currentTimeMillis() * 1_000_000 + "\"},\"time\":" + System.currentTimeMillis() + "}"));
        server.createContext(WALLET, ex -> {
            if (walletRequests.incrementAndGet() <= failFirst) {
                answer(ex, 503, "service unavailable");
            } else {
                answer(ex, 200, "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"coin\":["
                        + "{\"coin\":\"USDT\",\"walletBalance\":\"1000\",\"locked\":\"0\"}]}]},\"time\":"
                        + System.currentTimeMillis() + "}");
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        bybit = new BybitExchangeAdapter(BybitSettings.builder("main").apiKey("key").apiSecret("secret")
                .category(Category.LINEAR).restUrl(base)
                .wsPublicUrl("ws://127.0.0.1:" + server.getAddress().getPort() + "/v5/public/linear")
                .wsPrivateUrl("ws://127.0.0.1:" + server.getAddress().getPort() + "/v5/private")
                .tuning(BybitSettings.Tuning.defaults().withRetryBackoff(Duration.ofMillis(20))).build());
        // the runtime's own settings, as shipped
        registry = new ExchangeRegistry(BreakerSettings.DEFAULTS);
        registry.addAdapter(bybit, Map.of("exchange.id", REF.id(), "exchange.account", REF.account()));
        account = registry.find(REF).orElseThrow();
    }

    @After
    public void tearDown() {
        registry.close();
        bybit.close();
        server.stop(0);
    }

    @Test
    public void aReadThatKeepsFailingIsSentOnceAndRetriedThreeTimes() throws Exception {
        failFirst = Integer.MAX_VALUE;
        try {
            account.balances().toCompletableFuture().get(60, TimeUnit.SECONDS);
            fail("every answer was a 503");
        } catch (ExecutionException e) {
            assertEquals(ErrorKind.TRANSIENT, ExchangeException.find(e).kind());
        }
        Thread.sleep(500); // nothing is still scheduled
        assertEquals("1 request + 3 retries", 4, walletRequests.get());
        assertEquals("the breaker saw one failed call", 1, registry.breaker(REF).orElseThrow().failuresTotal());
    }

    @Test
    public void aReadThatRecoversIsAnsweredAfterItsRetries() throws Exception {
        failFirst = 2;
        List<Balance> balances = account.balances().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals("USDT", balances.get(0).coin());
        assertEquals("2 failures, then the answer", 3, walletRequests.get());
        assertEquals(0, registry.breaker(REF).orElseThrow().failuresTotal());
        assertTrue(registry.blockedReason(REF) == null);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
