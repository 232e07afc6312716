package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Configuration files as an operator writes them: a factory configuration named with {@code ~}
 * (at start and dropped in while the server runs), a key the component does not read, and a
 * Bybit account whose REST URL and stream URLs would point at different venues. Every Bybit URL
 * is a closed loopback port: nothing leaves the machine.
 */
public class ConfigurationFilesIT {

    private static final String PAPER = String.join("\n", "synthetic.symbol=BTCUSDT", "synthetic.interval=1m",
            "synthetic.speed=60", "balance.USDT=1000", "instrument.BTCUSDT.qtyStep=0.001",
            "instrument.BTCUSDT.minQty=0.001", "instrument.BTCUSDT.baseCoin=BTC",
            "instrument.BTCUSDT.quoteCoin=USDT", "");
    private static final String BYBIT_KEYS = String.join("\n", "apiKey=key-for-nothing", "apiSecret=secret-for-nothing",
            "environment=testnet", "");

    private static DistributionProcess server;
    private static Api api;
    private static String admin;

    @BeforeClass
    public static void start() throws Exception {
        server = DistributionProcess.builder("config-files")
                .etcFileNamedExactly("io.botfleet.exchange.paper~tilde.cfg", PAPER)
                .etcFile("io.botfleet.exchange.bybit-typo.cfg", BYBIT_KEYS + String.join("\n",
                        "restUrl=http://127.0.0.1:9", "wsPublicUrl=ws://127.0.0.1:9/v5/public/linear",
                        "wsPrivateUrl=ws://127.0.0.1:9/v5/private", "wsUrl=ws://127.0.0.1:9/v5/public/linear", ""))
                .etcFile("io.botfleet.exchange.bybit-mixed.cfg", BYBIT_KEYS + "restUrl=http://127.0.0.1:9\n")
                .start();
        server.awaitLive(Duration.ofSeconds(60));
        api = new Api(server);
        admin = server.adminToken();
    }

    @AfterClass
    public static void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
    }

    private static JsonNode account(JsonNode exchanges, String id, String account) {
        for (JsonNode e : exchanges) {
            if (id.equals(e.path("id").asText()) && account.equals(e.path("account").asText())) {
                return e;
            }
        }
        return null;
    }

    @Test
    public void aTildeFileAtStartIsAFactoryConfiguration() {
        api.awaitExchange(admin, "paper", "tilde");
        JsonNode tilde = account(api.get("/api/v1/exchanges", admin).json(), "paper", "tilde");
        assertEquals("no unknown keys: " + tilde, 0, tilde.path("configWarnings").size());
    }

    @Test
    public void aTildeFileDroppedInWhileRunningWorksAndGoesWithItsFile() throws Exception {
        api.awaitExchange(admin, "paper", "default");
        Path file = server.home().resolve("etc").resolve("io.botfleet.exchange.paper~dropped.cfg");
        Files.writeString(file, PAPER, StandardCharsets.UTF_8);
        api.awaitExchange(admin, "paper", "dropped");
        Files.delete(file);
        api.await("/api/v1/exchanges", admin, list -> account(list, "paper", "dropped") == null,
                Duration.ofSeconds(30), "paper/dropped gone with its file");
    }

    @Test
    public void anUnknownKeyIsLoggedAndShownOnTheAccount() {
        JsonNode list = api.await("/api/v1/exchanges", admin, l -> {
            JsonNode typo = account(l, "bybit", "typo");
            return typo != null && typo.path("configWarnings").size() > 0;
        }, Duration.ofSeconds(60), "bybit/typo with its configuration warning");
        JsonNode warnings = account(list, "bybit", "typo").path("configWarnings");
        assertEquals(warnings.toString(), 1, warnings.size());
        assertEquals("io.botfleet.exchange.bybit-typo.cfg: unknown key 'wsUrl' (ignored); did you mean 'wsPublicUrl'?",
                warnings.get(0).asText());
        String log = server.logText();
        assertTrue(server.logTail(40), log.contains("WARN") && log.contains(
                "configuration io.botfleet.exchange.bybit-typo.cfg: unknown key 'wsUrl' (ignored); did you mean 'wsPublicUrl'?"));
        assertFalse("the paper account's balance.* and instrument.* keys are known: " + log,
                log.contains("unknown key 'balance.") || log.contains("unknown key 'instrument."));
    }

    @Test
    public void mixedVenuesAreRefusedNamingTheKeys() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String expected = "Bybit account mixed: restUrl is set to http://127.0.0.1:9 but wsPublicUrl"
                + " (wss://stream-testnet.bybit.com/v5/public/linear) and wsPrivateUrl"
                + " (wss://stream-testnet.bybit.com/v5/private) fall back to the testnet defaults";
        while (!server.logText().contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(server.logTail(60), server.logText().contains(expected));
        api.awaitExchange(admin, "paper", "default");
        assertEquals(null, account(api.get("/api/v1/exchanges", admin).json(), "bybit", "mixed"));
    }
}
