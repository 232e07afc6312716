package io.botfleet.control.http.stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.store.Role;
import io.botfleet.control.auth.Principal;
import io.botfleet.control.http.ApiException;
import io.botfleet.control.http.ApiRequest;
import io.botfleet.control.http.HttpConfig;
import io.botfleet.control.http.Route;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The stream's admission and memory per client, on servlet objects whose connection either
 * takes everything or nothing (a client that stopped reading). That a stalled client delays no
 * other one on a real server is shown end to end by {@code EventStreamIT}.
 */
public class EventStreamTest {

    private EventStream stream;
    private Route route;

    @Before
    public void setUp() {
        stream = new EventStream();
        stream.activate(config(Map.of("streamBufferEvents", 10_000, "streamPollMillis", 60_000L)));
        route = stream.routes().get(0);
    }

    @After
    public void tearDown() {
        stream.deactivate();
    }

    @Test
    public void atMostFourStreamsPerTokenBesidesTheGlobalCap() throws Exception {
        Principal watch = new Principal("watch", Role.VIEWER);
        for (int i = 0; i < 4; i++) {
            route.handler().handle(request(watch, null, new Connection(true)));
        }
        try {
            route.handler().handle(request(watch, null, new Connection(true)));
            fail("a fifth stream of one token is refused");
        } catch (ApiException e) {
            assertEquals(429, e.status());
            assertTrue(e.getMessage(), e.detail().contains("streamMaxPerToken"));
        }
        // another token is not affected by that one's streams
        route.handler().handle(request(new Principal("other", Role.VIEWER), null, new Connection(true)));
        assertEquals(5, stream.clientCount());
    }

    @Test
    public void aReplayIsReadFromTheSharedLogNotCopiedPerClient() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            stream.log().append("bot", "{\"botId\":\"b" + i + "\",\"padding\":\"" + "x".repeat(200) + "\"}");
        }
        Connection stalled = new Connection(false);
        route.handler().handle(request(new Principal("watch", Role.VIEWER), "0", stalled));
        StreamClient client = stream.clients().iterator().next();
        // everything held is owed to this client, yet it holds no more than its control frames
        assertTrue("held " + client.heldBytes(), client.heldBytes() < 1024);

        Connection reading = new Connection(true);
        route.handler().handle(request(new Principal("watch", Role.VIEWER), "9990", reading));
        String text = reading.awaitText("id: 10000\n");
        assertTrue(text, text.startsWith("retry: 2000\n\nid: 9991\n"));
        assertEquals("nothing was written to the stalled client", 0, stalled.bytes.size());
        assertTrue("the listener comes before any write", !reading.writtenBeforeListener);
    }

    /** The output side of one connection: ready for everything, or never ready (not reading). */
    private static final class Connection {
        final boolean ready;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        /** Jetty refuses a write listener once a blocking write happened: this records one. */
        volatile boolean writtenBeforeListener;
        volatile boolean listening;

        Connection(boolean ready) {
            this.ready = ready;
        }

        synchronized String awaitText(String marker) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!bytes.toString(StandardCharsets.UTF_8).contains(marker)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + marker.trim() + " in " + bytes.size() + " bytes");
                }
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        ServletOutputStream output() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return ready;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    listening = true;
                }

                @Override
                public void write(int b) {
                    if (!ready) {
                        throw new IllegalStateException("written while not ready");
                    }
                    if (!listening) {
                        writtenBeforeListener = true;
                    }
                    synchronized (Connection.this) {
                        bytes.write(b);
                        Connection.this.notifyAll();
                    }
                }
            };
        }
    }

    private static ApiRequest request(Principal principal, String lastEventId, Connection connection) {
        ServletOutputStream out = connection.output();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                EventStreamTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> m.getName().equals("getOutputStream") ? out : null);
        AsyncContext async = (AsyncContext) Proxy.newProxyInstance(EventStreamTest.class.getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (p, m, a) -> m.getName().equals("getResponse") ? response : null);
        HttpServletRequest http = (HttpServletRequest) Proxy.newProxyInstance(
                EventStreamTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getHeader" -> "Last-Event-ID".equals(a[0]) ? lastEventId : null;
                    case "startAsync" -> async;
                    default -> null;
                });
        return new ApiRequest(http, response, principal, Map.of(), 1 << 20);
    }

    static HttpConfig config(Map<String, Object> values) {
        return (HttpConfig) Proxy.newProxyInstance(EventStreamTest.class.getClassLoader(),
                new Class<?>[] {HttpConfig.class},
                (p, m, a) -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue());
    }
}
