package io.botfleet.notify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.notify.NotificationTypes;
import io.botfleet.api.notify.TargetStatus;
import io.botfleet.api.retry.Backoff;
import io.botfleet.api.store.NotificationOutbox;
import io.botfleet.persistence.JdbcStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Senders against a real HTTP receiver and the real H2 outbox, fed through the bots' journal as the
 * runtime feeds it.
 */
public class WebhookSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Backoff FAST = Backoff.spread(20, 200, 0.3);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private JdbcStores stores;
    private Receiver receiver;
    private final List<WebhookSender> senders = new ArrayList<>();

    @Before
    public void open() throws Exception {
        stores = JdbcStores.open("jdbc:h2:file:" + tmp.getRoot() + "/botfleet", "", "", 4);
        receiver = new Receiver().start();
    }

    @After
    public void close() {
        senders.forEach(WebhookSender::stop);
        receiver.close();
        stores.close();
    }

    private NotificationOutbox outbox() {
        return stores.notificationOutbox();
    }

    private WebhookSender sender(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", "io.botfleet.notify.webhook.x1",
                "felix.fileinstall.filename", "file:/etc/io.botfleet.notify.webhook-ops.cfg",
                "url", receiver.url("/hook"), "events", "all"));
        p.putAll(extra);
        WebhookSender s = new WebhookSender(TargetSettings.read(p, name -> null), outbox(),
                bot -> new ExchangeRef("bybit", "main"), FAST, Clock.systemUTC());
        s.start();
        senders.add(s);
        return s;
    }

    /** Starts a sender and waits until it has its cursor (a new target takes what happens from then on). */
    private WebhookSender started(Map<String, Object> extra) throws InterruptedException {
        WebhookSender s = sender(extra);
        Receiver.waitFor("the cursor", 5_000, () -> outbox().cursor(s.settings().name()).isPresent());
        return s;
    }

    private void event(String bot, BotEvent.Type type, String message) throws Exception {
        event(bot, type, null, message);
    }

    /** An event of {@code kind} (null: its type's typical kind), journaled as the runtime does. */
    private void event(String bot, BotEvent.Type type, BotEvent.Kind kind, String message) throws Exception {
        stores.journal().appendEvent(new BotEvent(bot, Instant.now(), type, kind, message)).toCompletableFuture().get();
    }

    @Test
    public void jsonBodyIsSignedAndCarriesTheEssentials() throws Exception {
        started(Map.of("secret", "s3cret"));
        event("btc-1", BotEvent.Type.ERROR, BotEvent.Kind.FAILED, "FAILED: strategy threw");

        Receiver.waitFor("one delivery", 10_000, () -> receiver.accepted().size() == 1);
        Receiver.Request r = receiver.accepted().get(0);
        JsonNode body = JSON.readTree(r.body());
        assertEquals("failed", body.get("type").asText());
        assertEquals("btc-1", body.get("botId").asText());
        assertEquals("bybit", body.get("exchange").asText());
        assertEquals("main", body.get("account").asText());
        assertEquals("FAILED: strategy threw", body.get("message").asText());
        assertEquals("ERROR", body.get("data").get("event").asText());
        assertEquals(body.get("id").asText(), r.header("X-Botfleet-Delivery"));

        // the receiver's check: HMAC-SHA256(secret, t + "." + body), computed here independently
        String signature = r.header("X-Botfleet-Signature");
        String t = signature.replaceFirst("^t=(\\d+),v1=[0-9a-f]{64}$", "$1");
        String v1 = signature.substring(signature.indexOf("v1=") + 3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, v1);
        assertTrue(Math.abs(Long.parseLong(t) - Instant.now().getEpochSecond()) < 60);
    }

    @Test
    public void retriesAfter5xxAndTimeoutsWithTheSameDeliveryId() throws Exception {
        receiver.script(Receiver.Answer.status(503), Receiver.Answer.status(500),
                new Receiver.Answer(200, 1_500, Map.of(), ""));
        WebhookSender s = started(Map.of("timeoutMillis", "500"));
        event("btc-1", BotEvent.Type.SWAP, "upgrade sma 1.0.0 -> 1.1.0 by admin");

        Receiver.waitFor("the fourth attempt", 15_000, () -> receiver.requests().size() >= 4);
        Receiver.waitFor("the cursor to move", 5_000, () -> s.status().delivered() == 1);
        List<Receiver.Request> all = receiver.requests();
        Set<String> ids = new LinkedHashSet<>();
        all.forEach(r -> ids.add(r.header("X-Botfleet-Delivery")));
        assertEquals("every retry carries the same delivery id: " + all, 1, ids.size());
        assertEquals(List.of(503, 500, 200, 200), all.stream().map(Receiver.Request::answeredWith).toList());
        assertEquals(TargetStatus.State.OK, s.status().state());
        assertTrue(s.status().lastError(), s.status().lastError().contains("no answer within 500 ms"));
    }

    @Test
    public void retryAfterIsHonoured() throws Exception {
        receiver.script(new Receiver.Answer(429, 0, Map.of("Retry-After", "2"), ""));
        started(Map.of());
        event("btc-1", BotEvent.Type.RISK, "daily loss limit reached");

        Receiver.waitFor("the retry", 10_000, () -> receiver.requests().size() == 2);
        List<Receiver.Request> all = receiver.requests();
        long waited = all.get(1).receivedAtMillis() - all.get(0).receivedAtMillis();
        assertTrue("waited " + waited + " ms, the receiver asked for 2 s", waited >= 1_900);
    }

    @Test
    public void messagesArriveInOrderThroughFailuresAndAnOutage() throws Exception {
        WebhookSender s = started(Map.of());
        receiver.script(Receiver.Answer.status(502), Receiver.Answer.status(200), Receiver.Answer.status(503));
        for (int i = 0; i < 10; i++) {
            event("btc-" + (i % 3), BotEvent.Type.LIFECYCLE, "RUNNING " + i);
        }
        Receiver.waitFor("the first ten", 15_000, () -> receiver.accepted().size() == 10);
        receiver.stop(); // the receiver is down: connections refused
        for (int i = 10; i < 30; i++) {
            event("btc-" + (i % 3), BotEvent.Type.LIFECYCLE, "RUNNING " + i);
        }
        Receiver.waitFor("the sender to notice", 10_000, () -> s.status().state() != TargetStatus.State.OK);
        assertTrue(s.status().backlog() > 0);
        receiver.start();

        Receiver.waitFor("everything", 20_000, () -> receiver.accepted().size() == 30);
        List<String> messages = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Receiver.Request r : receiver.accepted()) {
            JsonNode body = JSON.readTree(r.body());
            messages.add(body.get("message").asText());
            ids.add(body.get("id").asText());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add("RUNNING " + i);
        }
        assertEquals(expected, messages);
        assertEquals(30, ids.size());
        Receiver.waitFor("the cursor to move", 5_000, () -> s.status().delivered() == 30);
        assertEquals(0, s.status().backlog());
        assertEquals(TargetStatus.State.OK, s.status().state());
    }

    @Test
    public void aRestartedSenderResendsNothingDelivered() throws Exception {
        WebhookSender first = started(Map.of());
        for (int i = 0; i < 5; i++) {
            event("btc-1", BotEvent.Type.LIFECYCLE, "PAUSED " + i);
        }
        Receiver.waitFor("five", 10_000, () -> receiver.accepted().size() == 5);
        Receiver.waitFor("the cursor to move", 5_000, () -> first.status().delivered() == 5);
        first.stop();
        for (int i = 5; i < 8; i++) {
            event("btc-1", BotEvent.Type.LIFECYCLE, "PAUSED " + i);
        }
        stores.close();
        stores = JdbcStores.open("jdbc:h2:file:" + tmp.getRoot() + "/botfleet", "", "", 4);

        sender(Map.of());
        Receiver.waitFor("eight", 10_000, () -> receiver.accepted().size() >= 8);
        Thread.sleep(500); // a resent message would come now
        List<String> messages = receiver.accepted().stream().map(r -> field(r, "message")).toList();
        assertEquals(List.of("PAUSED 0", "PAUSED 1", "PAUSED 2", "PAUSED 3", "PAUSED 4", "PAUSED 5", "PAUSED 6",
                "PAUSED 7"), messages);
    }

    @Test
    public void eventsAndBotsFilterWhatATargetGets() throws Exception {
        started(Map.of("events", "failed, fill", "bots", "eth-*"));
        event("btc-1", BotEvent.Type.ERROR, BotEvent.Kind.FAILED, "FAILED: not for this target");
        event("eth-1", BotEvent.Type.LIFECYCLE, "RUNNING: not a subscribed type");
        event("eth-1", BotEvent.Type.AUDIT, "admin: stop (never notified)");
        event("eth-1", BotEvent.Type.ERROR, BotEvent.Kind.FAILED, "FAILED: this one");
        outbox().append(NotificationTypes.FILL, Instant.now(), "eth-2", "BUY 1 @ 2", Map.of());

        Receiver.waitFor("two", 10_000, () -> receiver.accepted().size() == 2);
        Thread.sleep(300);
        assertEquals(List.of("FAILED: this one", "BUY 1 @ 2"),
                receiver.accepted().stream().map(r -> field(r, "message")).toList());
    }

    @Test
    public void aRefusedOrExpiredMessageIsCountedFailedAndTheNextGoesOn() throws Exception {
        receiver.script(Receiver.Answer.status(400));
        WebhookSender s = started(Map.of());
        event("btc-1", BotEvent.Type.ERROR, BotEvent.Kind.FAILED, "FAILED: one");
        event("btc-1", BotEvent.Type.ERROR, BotEvent.Kind.FAILED, "FAILED: two");
        Receiver.waitFor("two", 10_000, () -> receiver.accepted().size() == 1);
        assertEquals("FAILED: two", field(receiver.accepted().get(0), "message"));
        Receiver.waitFor("the cursor to move", 5_000, () -> s.status().delivered() == 1);
        assertEquals(1, s.status().failed());
        assertTrue(s.status().lastError(), s.status().lastError().startsWith("refused: message"));
    }

    @Test
    public void aReplayedMarketsOldFillIsRetriedByTheServersClock() throws Exception {
        receiver.script(Receiver.Answer.status(503));
        WebhookSender s = started(Map.of("retryForMillis", "60000"));
        outbox().append(NotificationTypes.FILL, Instant.parse("2020-01-01T00:00:00Z"), "btc-1", "BUY 1 @ 2", Map.of());
        Receiver.waitFor("the retry", 10_000, () -> receiver.accepted().size() == 1);
        assertEquals(2, receiver.requests().size());
        assertEquals(0, s.status().failed());
    }

    @Test
    public void aDeadTargetDoesNotHoldBackAnother() throws Exception {
        try (Receiver dead = new Receiver().start()) {
            dead.answerAlways(new Receiver.Answer(200, 60_000, Map.of(), ""));
            Map<String, Object> p = new HashMap<>(Map.of("felix.fileinstall.filename",
                    "io.botfleet.notify.webhook-dead.cfg", "url", dead.url("/"), "events", "all"));
            WebhookSender blocked = new WebhookSender(TargetSettings.read(p, n -> null), outbox(),
                    bot -> null, FAST, Clock.systemUTC());
            blocked.start();
            senders.add(blocked);
            started(Map.of());
            Receiver.waitFor("both cursors", 5_000, () -> outbox().cursor("dead").isPresent());
            for (int i = 0; i < 20; i++) {
                event("btc-1", BotEvent.Type.LIFECYCLE, "RUNNING " + i);
            }
            Receiver.waitFor("all twenty at the live target", 10_000, () -> receiver.accepted().size() == 20);
            assertEquals(0, blocked.status().delivered());
        }
    }

    private static String field(Receiver.Request r, String name) {
        try {
            return JSON.readTree(r.body()).get(name).asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
