package io.botfleet.e2e;

import static io.botfleet.e2e.Api.assertProblem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events of the fleet over HTTP only — a state change
 * arrives as a {@code bot} event, a reconnect with Last-Event-ID gets what it missed, and the
 * stream is authenticated like every route (bearer header or the dashboard's cookie, never a
 * query parameter).
 */
public class EventStreamIT {

    /** Enough status changes (about 400 events a second) to fill a stalled client's socket in seconds. */
    private static final int BUSY_BOTS = 40;

    private static DistributionProcess server;
    private static Api api;
    private static String admin;
    private static final HttpClient SSE = HttpClient.newHttpClient();

    @BeforeClass
    public static void start() throws Exception {
        server = DistributionProcess.builder("api-stream")
                // a quick poll and heartbeat, so that a delay shows within a second
                .etcFile("io.botfleet.http.cfg", "streamPollMillis=50\nstreamHeartbeatSeconds=1\n")
                .start();
        server.awaitLive(Duration.ofSeconds(60));
        api = new Api(server);
        admin = server.adminToken();
        api.await("/api/v1/bots", admin, b -> true, Duration.ofSeconds(60), "the API");
        api.awaitExchange(admin, "paper", "default");
        assertEquals(201, api.post("/api/v1/bots", admin, Api.botJson("sse-bot", "default", true)).status());
        api.await("/api/v1/bots/sse-bot", admin, b -> "RUNNING".equals(b.path("state").asText()),
                Duration.ofSeconds(30), "sse-bot RUNNING");
    }

    @AfterClass
    public static void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
    }

    /** An open stream: its lines arrive in a queue, read by the test with a timeout. */
    private static final class Sse implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> response;
        final Thread reader;

        Sse(HttpRequest.Builder request) throws Exception {
            // the head must come at once: a server that cannot write to this client fails here
            response = SSE.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                api.contract().checkResponse("GET", OpenApiContract.PREFIX + "/stream", 200,
                        response.headers().firstValue("Content-Type").orElse(""), "");
            }
            reader = new Thread(() -> {
                try {
                    Iterator<String> it = response.body().iterator();
                    while (it.hasNext()) {
                        lines.add(it.next());
                    }
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event (id, name, data) matching, within the timeout. */
        String[] await(String name, java.util.function.Predicate<JsonNode> match, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            String id = null;
            String event = null;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    api.contract().checkEvent(event, line.substring(6)); // every event, not only the awaited ones
                }
                if (line.startsWith("data: ") && name.equals(event)) {
                    JsonNode data = Api.JSON.readTree(line.substring(6));
                    if (match.test(data)) {
                        return new String[] {id, event, line.substring(6)};
                    }
                }
            }
            throw new AssertionError("no " + name + " event within " + timeout);
        }

        /** Reads lines for {@code period}; the longest time between two of them. */
        long longestGapNanos(Duration period) throws InterruptedException {
            long end = System.nanoTime() + period.toNanos();
            long last = System.nanoTime();
            long longest = 0;
            while (System.nanoTime() < end) {
                String line = lines.poll(50, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                if (line != null) {
                    longest = Math.max(longest, now - last);
                    last = now;
                }
            }
            return Math.max(longest, System.nanoTime() - last);
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private static HttpRequest.Builder stream(String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/api/v1/stream"));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    @Test
    public void stateChangesArriveAndReconnectsCatchUp() throws Exception {
        String lastId;
        try (Sse sse = new Sse(stream(admin))) {
            assertEquals(200, sse.response.statusCode());
            assertTrue(sse.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            assertEquals(200, api.post("/api/v1/bots/sse-bot/pause", admin, null).status());
            String[] paused = sse.await("bot", d -> "sse-bot".equals(d.path("botId").asText())
                    && "PAUSED".equals(d.path("state").asText()), Duration.ofSeconds(10));
            assertNotNull(paused[0]);
            lastId = paused[0];
        }
        // while nobody listens, the bot resumes; a reconnect with Last-Event-ID still sees it
        assertEquals(200, api.post("/api/v1/bots/sse-bot/resume", admin, null).status());
        api.await("/api/v1/bots/sse-bot", admin, b -> "RUNNING".equals(b.path("state").asText()),
                Duration.ofSeconds(10), "RUNNING");
        Thread.sleep(1000); // more than a polling period
        try (Sse sse = new Sse(stream(admin).header("Last-Event-ID", lastId))) {
            String[] resumed = sse.await("bot", d -> "sse-bot".equals(d.path("botId").asText())
                    && "RUNNING".equals(d.path("state").asText()), Duration.ofSeconds(10));
            assertTrue(Long.parseLong(resumed[0]) > Long.parseLong(lastId));
        }
    }

    /**
     * Clients that stop reading (sockets with a tiny receive window, never read) while a busy
     * fleet fills their connections: the other clients still get every heartbeat and a state
     * change within a poll or two. Before, the writers blocked on such clients (and flushed
     * under the lock the poller also takes), so they stopped the stream for everyone.
     */
    @Test
    public void aClientThatStopsReadingDelaysNoOther() throws Exception {
        for (int i = 0; i < BUSY_BOTS; i++) { // busy bots: every candle changes a status, ten a second each
            assertEquals(201, api.post("/api/v1/bots", admin, Api.botJson("busy-" + i, "default", true)).status());
        }
        String viewer = api.token(admin, "stalled-reader", "viewer");
        List<Socket> stalled = new ArrayList<>();
        try (Sse reading = new Sse(stream(admin))) {
            assertEquals(200, reading.response.statusCode());
            Thread.sleep(6000); // a backlog of events in the log, replayed to the stalled clients at once
            for (int i = 0; i < 3; i++) {
                stalled.add(stalledStream(viewer));
            }
            for (Socket socket : stalled) {
                // the kernel takes no more for this client: from here on a blocking write would hang
                ServerSocketQueue.awaitFull(server.port(), socket.getLocalPort(), Duration.ofSeconds(60));
            }
            reading.lines.clear();
            long gapNanos = reading.longestGapNanos(Duration.ofSeconds(3));
            assertTrue("a reading client heard nothing for " + TimeUnit.NANOSECONDS.toMillis(gapNanos) + " ms",
                    gapNanos < TimeUnit.MILLISECONDS.toNanos(1500));
            try (Sse late = new Sse(stream(admin))) { // a new client is served too
                assertEquals(200, late.response.statusCode());
                assertEquals(200, api.post("/api/v1/bots/sse-bot/pause", admin, null).status());
                api.await("/api/v1/bots/sse-bot", admin, b -> "PAUSED".equals(b.path("state").asText()),
                        Duration.ofSeconds(30), "sse-bot PAUSED");
                // from the moment the API shows it: one poll (50 ms) and a write, even on a busy machine
                long paused = System.nanoTime();
                late.await("bot", d -> "sse-bot".equals(d.path("botId").asText())
                        && "PAUSED".equals(d.path("state").asText()), Duration.ofSeconds(10));
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - paused);
                assertTrue("the PAUSED event came " + tookMillis + " ms after the pause", tookMillis < 1000);
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            api.post("/api/v1/bots/sse-bot/resume", admin, null); // as the other tests expect it
            for (int i = 0; i < BUSY_BOTS; i++) {
                api.post("/api/v1/bots/busy-" + i + "/stop", admin, null); // quiet again for the other tests
            }
        }
    }

    /** A stream request on a socket with a small receive window that the test never reads. */
    private static Socket stalledStream(String token) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting, so the window stays small
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        socket.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nLast-Event-ID: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    public void atMostFourStreamsPerToken() throws Exception {
        String viewer = api.token(admin, "four-streams", "viewer");
        List<Sse> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Sse sse = new Sse(stream(viewer));
                open.add(sse);
                assertEquals(200, sse.response.statusCode());
            }
            try (Sse fifth = new Sse(stream(viewer))) {
                assertEquals("a fifth stream of one token", 429, fifth.response.statusCode());
            }
            try (Sse other = new Sse(stream(admin))) {
                assertEquals("another token is not affected", 200, other.response.statusCode());
            }
        } finally {
            open.forEach(Sse::close);
        }
    }

    @Test
    public void theStreamIsAuthenticatedLikeEveryRoute() throws Exception {
        assertProblem(api.get("/api/v1/stream", null), 401);
        assertProblem(api.get("/api/v1/stream?access_token=" + admin, null), 401);
        try (Sse sse = new Sse(stream(null).header("Cookie", "access_token=" + admin))) {
            assertEquals(200, sse.response.statusCode());
        }
        // the cookie counts for the stream's route only, whatever the raw path ends with
        for (String path : new String[] {"/api/v1/tokens;/v1/stream", "/api/v1/bots;x=/v1/stream"}) {
            HttpResponse<String> other = server.send(HttpRequest.newBuilder(server.uri(path))
                    .header("Cookie", "access_token=" + admin).GET());
            assertEquals(path + ": " + other.body(), 401, other.statusCode());
        }
    }
}
