package io.botfleet.notify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.retry.Backoff;
import io.botfleet.api.store.OutboxMessage;
import io.botfleet.persistence.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A fake Telegram Bot API endpoint (its token in the path, its 429 with retry_after), and the keys. */
public class TelegramAndSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void telegramGetsSendMessageAndItsRetryAfterIsHonoured() throws Exception {
        try (JdbcStores stores = JdbcStores.open("jdbc:h2:file:" + tmp.getRoot() + "/botfleet", "", "", 4);
             Receiver telegram = new Receiver().start()) {
            telegram.script(new Receiver.Answer(429, 0, Map.of("Content-Type", "application/json"),
                    "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                            + "\"parameters\":{\"retry_after\":1}}"));
            Path tokenFile = tmp.newFile("telegram-url").toPath();
            Files.writeString(tokenFile, telegram.url("/bot123456:SECRET-TOKEN/sendMessage") + "\n");
            TargetSettings settings = TargetSettings.read(Map.of("felix.fileinstall.filename",
                    "io.botfleet.notify.webhook-tg.cfg", "format", "telegram", "chatId", "-1001",
                    "urlFile", tokenFile.toString(), "minIntervalMillis", "1000"), n -> null);
            WebhookSender sender = new WebhookSender(settings, stores.notificationOutbox(),
                    bot -> new ExchangeRef("paper", "default"), Backoff.spread(20, 200, 0.3), Clock.systemUTC());
            sender.start();
            try {
                Receiver.waitFor("the cursor", 5_000, () -> stores.notificationOutbox().cursor("tg").isPresent());
                stores.journal().appendEvent(new BotEvent("sma-1", Instant.now(), BotEvent.Type.WARNING,
                        BotEvent.Kind.FEED_STALE, "STALE: no candle for 180 s")).toCompletableFuture().get();
                stores.journal().appendEvent(new BotEvent("sma-1", Instant.now(), BotEvent.Type.WARNING,
                        BotEvent.Kind.FEED_LIVE, "feed LIVE again")).toCompletableFuture().get();
                Receiver.waitFor("two messages", 15_000, () -> telegram.accepted().size() == 2);

                List<Receiver.Request> all = telegram.requests();
                assertEquals(3, all.size());
                assertTrue(all.get(1).receivedAtMillis() - all.get(0).receivedAtMillis() >= 950);
                assertTrue("paced a second apart",
                        all.get(2).receivedAtMillis() - all.get(1).receivedAtMillis() >= 950);
                JsonNode body = JSON.readTree(all.get(1).body());
                assertEquals("-1001", body.get("chat_id").asText());
                assertEquals("botfleet stale bot sma-1 (paper/default): STALE: no candle for 180 s",
                        body.get("text").asText());
                TargetSettings shown = sender.settings();
                assertFalse("the token never shows", sender.status().toString().contains("SECRET-TOKEN"));
                assertEquals("telegram", shown.format().code());
            } finally {
                sender.stop();
            }
        }
    }

    @Test
    public void slackAndDiscordShapes() throws Exception {
        OutboxMessage m = new OutboxMessage(1, "d-1", "failed", Instant.parse("2026-01-05T10:00:00Z"),
                "btc-1", "FAILED: boom", Map.of(), Instant.parse("2026-01-05T10:00:01Z"));
        TargetSettings slack = TargetSettings.read(Map.of("url", "https://hooks.slack.test/x", "format", "slack"),
                n -> null);
        TargetSettings discord = TargetSettings.read(Map.of("url", "https://discord.test/x", "format", "discord"),
                n -> null);
        assertEquals("{\"text\":\"*botfleet failed* bot `btc-1` (bybit/main): FAILED: boom\"}",
                new String(Payloads.body(slack, m, "bybit", "main")));
        assertEquals("{\"content\":\"**botfleet failed** bot `btc-1` (bybit/main): FAILED: boom\"}",
                new String(Payloads.body(discord, m, "bybit", "main")));
    }

    @Test
    public void keysAreCheckedAndUnknownOnesWarned() {
        TargetSettings s = TargetSettings.read(Map.of("felix.fileinstall.filename",
                "/opt/botfleet/etc/io.botfleet.notify.webhook-ops.cfg", "urlEnv", "OPS_HOOK", "secretEnv", "OPS_KEY",
                "evnets", "fill", "minIntervalMilis", "5"), n -> n.equals("OPS_HOOK") ? "https://ops.test/h" : "k");
        assertEquals("ops", s.name());
        assertEquals("https://ops.test/h", s.url().toString());
        assertEquals("k", s.secret());
        assertFalse("default: all but fill", s.events().contains("fill"));
        assertTrue(s.events().contains("halt"));
        assertEquals(List.of(
                "io.botfleet.notify.webhook-ops.cfg: unknown key 'evnets' (ignored); did you mean 'events'?",
                "io.botfleet.notify.webhook-ops.cfg: unknown key 'minIntervalMilis' (ignored); did you mean"
                        + " 'minIntervalMillis'?"), s.warnings());

        assertMessage("one of url, urlFile, urlEnv is required", Map.of("format", "json"));
        assertMessage("format 'teams' is not one of", Map.of("url", "https://x.test/", "format", "teams"));
        assertMessage("format telegram needs chatId", Map.of("url", "https://x.test/", "format", "telegram"));
        assertMessage("events: unknown type 'fills'", Map.of("url", "https://x.test/", "events", "fills"));
        assertMessage("must be http(s)", Map.of("url", "ftp://x.test/"));
        assertMessage("environment variable NOPE is not set", Map.of("urlEnv", "NOPE"));
        assertMessage("minIntervalMillis must be a whole number", Map.of("url", "https://x.test/",
                "minIntervalMillis", "1s"));
    }

    private static void assertMessage(String part, Map<String, Object> properties) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetSettings.read(properties, n -> null));
        assertTrue(e.getMessage(), e.getMessage().contains(part));
    }
}
