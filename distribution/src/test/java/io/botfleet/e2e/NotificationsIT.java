package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Test;

/**
 * Notifications through the real server: a webhook target in {@code etc/} gets the bots' events and
 * fills; with the receiver refusing, the server is killed (SIGKILL) while messages wait in the
 * outbox; after the restart every one of them arrives, and none that was delivered comes again.
 */
public class NotificationsIT {

    private static final int FILE_CANDLES = 13_681;
    private static final String SECRET = "e2e-notify-" + System.nanoTime();

    private DistributionProcess server;
    private WebhookReceiver receiver;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    public void nothingIsLostAcrossASigkillAndNothingDeliveredIsResent() throws Exception {
        receiver = new WebhookReceiver();
        Path data = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        DistributionProcess.Builder builder = DistributionProcess.builder("notify").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.notify.webhook-ops.cfg", "url=" + receiver.url() + "\nevents=all\nsecret="
                        + SECRET + "\n");
        for (String account : List.of("quiet", "busy", "during")) {
            builder.etcFile("io.botfleet.exchange.paper-" + account + ".cfg", "replay.file=" + data
                    + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=0\nbalance.BTC=1000000\n");
        }
        server = builder.start();
        server.awaitReady(Duration.ofSeconds(90));
        Path home = server.home();
        String token = server.adminToken();
        Api api = new Api(server);
        api.await("/api/v1/notifications", token, list -> list.size() == 1
                && "ops".equals(list.get(0).path("name").asText()), Duration.ofSeconds(30), "the ops target");
        Api.Reply test = api.post("/api/v1/notifications/ops/test", token, null);
        assertEquals(test.toString(), 200, test.status());
        assertTrue(test.body(), test.json().path("delivered").asBoolean());

        // 1. a quiet bot started and stopped one command at a time: the time from the command to the
        // receiver getting the state it led to bounds a notification's latency from above (event
        // times are the replayed market's, so they cannot be compared with the receiver's clock)
        createBot(api, token, "quiet", "quiet", false);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String state = i % 2 == 0 ? "RUNNING" : "STOPPED";
            int before = receiver.accepted().size();
            long sentAt = System.currentTimeMillis();
            api.post("/api/v1/bots/quiet/" + (i % 2 == 0 ? "start" : "stop"), token, null);
            awaitReceived("quiet " + state, () -> stateNotified(before, state) > 0);
            latencies.add(stateNotified(before, state) - sentAt);
            Thread.sleep(100);
        }
        // 2. a bot trading through a whole file at full speed, delivered as it goes
        createBot(api, token, "busy", "busy", true);
        awaitFile(api, token, "busy");
        Set<String> busyFills = execIds(api, token, "busy");
        awaitReceived("every fill of busy", () -> receivedExecIds("busy").containsAll(busyFills));
        Collections.sort(latencies);
        System.out.printf("[figure] notification latency, API command -> receiver got the state (%d start/stop): "
                + "p50 %d ms, p99 %d ms, max %d ms%n", latencies.size(), latencies.get(latencies.size() / 2),
                latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1), latencies.get(latencies.size() - 1));

        // 3. the receiver refuses; a bot trades a whole file; the server is killed with all of it queued
        receiver.answer(503);
        Thread.sleep(200); // a request answered just before the switch is recorded
        int acceptedBefore = receiver.accepted().size();
        createBot(api, token, "queued", "during", true);
        awaitFile(api, token, "queued");
        Set<String> queuedFills = execIds(api, token, "queued");
        assertFalse(queuedFills.isEmpty());
        JsonNode status = api.await("/api/v1/notifications", token,
                list -> list.get(0).path("backlog").asLong() > 0 && !"OK".equals(list.get(0).path("state").asText()),
                Duration.ofSeconds(30), "a backlog");
        System.out.println("[figure] before the kill: " + status);
        assertFalse("no secret shown", status.toString().contains(SECRET));
        assertEquals("nothing of 'queued' got through", acceptedBefore, receiver.accepted().size());
        server.kill();
        server.awaitExit(Duration.ofSeconds(30));

        receiver.answer(200);
        long restartedAt = System.currentTimeMillis();
        server = DistributionProcess.builder("notify").home(home).env("BOTFLEET_ADMIN_TOKEN", token).start();
        server.awaitReady(Duration.ofSeconds(90));
        api = new Api(server);
        awaitReceived("every fill of queued after the restart", () -> receivedExecIds("queued").containsAll(queuedFills));
        System.out.printf("[figure] %d queued fills delivered %d ms after the restart began%n", queuedFills.size(),
                System.currentTimeMillis() - restartedAt);

        Map<String, Integer> times = new HashMap<>();
        for (WebhookReceiver.Received r : receiver.accepted()) {
            times.merge(r.deliveryId(), 1, Integer::sum);
            assertEquals(r.deliveryId(), r.body().path("id").asText());
        }
        times.forEach((id, n) -> assertEquals("delivered once: " + id, 1, n.intValue()));
        Thread.sleep(1_000); // anything resent after the restart would come now
        Set<String> distinct = new HashSet<>();
        receiver.accepted().forEach(r -> assertTrue("delivered again: " + r.body(), distinct.add(r.deliveryId())));
        api.await("/api/v1/notifications", token, list -> list.get(0).path("backlog").asLong() == 0
                && "OK".equals(list.get(0).path("state").asText()), Duration.ofSeconds(60), "an empty backlog");
        String metrics = server.get("/metrics", token).body();
        assertTrue(metrics, metrics.contains("botfleet_notifications_delivered_total{target=\"ops\"}"));
        assertTrue(metrics, metrics.contains("botfleet_notifications_backlog{target=\"ops\"} 0.0"));
    }

    /**
     * Two bots through the same file on one server, one after the other: the first has no target,
     * the second's events (all of them) go to a target that accepts connections and never
     * answers. The second must go through the whole file like the first, while its target is seen
     * holding a backlog and delivering nothing. Figures only (time per candle, each journaled
     * before the next is delivered), no timing asserted.
     */
    @Test
    public void aDeadTargetDoesNotHoldBackTheBots() throws Exception {
        Path data = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept()); // accepted, never read, never answered
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String replay = "replay.file=" + data
                    + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=0\nbalance.BTC=1000000\n";
            server = DistributionProcess.builder("notify-dead").withoutEtcFile("bots/demo-sma.json")
                    .etcFile("io.botfleet.exchange.paper-plain.cfg", replay)
                    .etcFile("io.botfleet.exchange.paper-dead.cfg", replay)
                    .etcFile("io.botfleet.notify.webhook-dead.cfg", "url=http://127.0.0.1:" + blackHole.getLocalPort()
                            + "/hook\nevents=all\nbots=to-dead-*\ntimeoutMillis=10000\n")
                    .start();
            server.awaitReady(Duration.ofSeconds(90));
            String token = server.adminToken();
            Api api = new Api(server);
            api.await("/api/v1/notifications", token, list -> list.size() == 1, Duration.ofSeconds(30), "the dead target");
            for (String id : List.of("plain", "to-dead-target")) {
                long t0 = System.nanoTime();
                createBot(api, token, id, id.equals("plain") ? "plain" : "dead", true);
                awaitFile(api, token, id);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("[figure] %s: %d candles in %.2f s, %.1f us per candle (create to last candle"
                        + " journaled)%n", id.equals("plain") ? "no target" : "dead target (events=all)",
                        FILE_CANDLES, seconds, seconds * 1e6 / FILE_CANDLES);
            }
            JsonNode target = api.await("/api/v1/notifications", token,
                    list -> list.get(0).path("backlog").asLong() > 0, Duration.ofSeconds(30), "a backlog").get(0);
            System.out.println("[figure] the dead target: " + target);
            assertEquals(0, target.path("delivered").asLong());
            assertFalse("the dead target was reached", held.isEmpty());
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server = null;
        }
    }

    private static void createBot(Api api, String token, String id, String account, boolean autoStart) {
        Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"" + id + "\",\"strategy\":{\"id\":\"sma-crossover\","
                + "\"version\":\"1.0.0\",\"params\":{\"fast\":10,\"slow\":30}},\"exchange\":{\"id\":\"paper\",\"account\":\""
                + account + "\"},\"symbol\":\"UNITTESTBTC\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"1\"},"
                + "\"autoStart\":" + autoStart + "}");
        assertEquals(created.toString(), 201, created.status());
    }

    private static void awaitFile(Api api, String token, String id) {
        api.await("/api/v1/bots/" + id, token, b -> b.path("counters").path("candles").asLong() == FILE_CANDLES,
                Duration.ofMinutes(3), id + " through the whole file");
    }

    private static Set<String> execIds(Api api, String token, String id) throws InterruptedException {
        Thread.sleep(1_000); // acknowledgements of the last orders
        Set<String> ids = new HashSet<>();
        JsonNode fills = api.get("/api/v1/bots/" + id + "/fills?limit=1000", token).json();
        assertTrue("fewer fills than a page", fills.size() < 1000);
        fills.forEach(f -> ids.add(f.path("execId").asText()));
        return ids;
    }

    /** When the receiver got a lifecycle message of quiet in {@code state} after the first {@code skip}; 0 if not yet. */
    private long stateNotified(int skip, String state) {
        List<WebhookReceiver.Received> accepted = receiver.accepted();
        for (WebhookReceiver.Received r : accepted.subList(Math.min(skip, accepted.size()), accepted.size())) {
            if ("quiet".equals(r.body().path("botId").asText()) && "lifecycle".equals(r.body().path("type").asText())
                    && r.body().path("message").asText().startsWith(state)) {
                return r.atMillis();
            }
        }
        return 0;
    }

    private Set<String> receivedExecIds(String botId) {
        Set<String> ids = new HashSet<>();
        for (WebhookReceiver.Received r : receiver.accepted()) {
            if ("fill".equals(r.body().path("type").asText()) && botId.equals(r.body().path("botId").asText())) {
                ids.add(r.body().path("data").path("execId").asText());
            }
        }
        return ids;
    }

    private static void awaitReceived(String what, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
