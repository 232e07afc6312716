package io.botfleet.e2e;

import static io.botfleet.e2e.Api.assertProblem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
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

    private static DistributionProcess server;
    private static Api api;
    private static String admin;
    private static final HttpClient SSE = HttpClient.newHttpClient();

    @BeforeClass
    public static void start() throws Exception {
        server = DistributionProcess.builder("api-stream").start();
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
            response = SSE.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
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

    @Test
    public void theStreamIsAuthenticatedLikeEveryRoute() throws Exception {
        assertProblem(api.get("/api/v1/stream", null), 401);
        assertProblem(api.get("/api/v1/stream?access_token=" + admin, null), 401);
        try (Sse sse = new Sse(stream(null).header("Cookie", "access_token=" + admin))) {
            assertEquals(200, sse.response.statusCode());
        }
    }
}
