package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Test;

/**
 * A download of candles from the fake Bybit survives a SIGKILL of the server: the restarted server
 * continues from the last page it recorded (not from the start), and the dataset ends with every
 * kline once.
 */
public class CandleDownloadRestartIT {

    private static final long MINUTE = 60_000;
    /** Bybit's adapter fetches up to 10 windows of 1000 klines per call: 5 calls for these. */
    private static final int KLINES = 45_000;

    private FakeBybit fake;
    private DistributionProcess server;

    @After
    public void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private DistributionProcess start(Path home, String token) throws Exception {
        DistributionProcess.Builder b = DistributionProcess.builder("candle-download-restart");
        if (home != null) {
            b.home(home).env("BOTFLEET_ADMIN_TOKEN", token);
        } else {
            // a pause between pages long enough to kill the server between two of them
            b.etcFile("io.botfleet.candles.cfg", "downloadPagePauseMillis=3000\n")
                    .etcFile("io.botfleet.exchange.bybit-fake.cfg", String.join("\n", "account=fake",
                            "apiKey=" + FakeBybit.KEY, "apiSecret=" + FakeBybit.SECRET, "category=linear",
                            "restUrl=" + fake.restUrl(), "wsPublicUrl=" + fake.wsPublicUrl("linear"),
                            "wsPrivateUrl=" + fake.wsPrivateUrl(), ""));
        }
        DistributionProcess started = b.start();
        started.awaitReady(Duration.ofSeconds(90));
        return started;
    }

    @Test
    public void aKilledServerContinuesTheDownloadWhereItStopped() throws Exception {
        fake = FakeBybit.start();
        long first = (fake.now() / MINUTE - KLINES - 100) * MINUTE;
        for (int i = 0; i < KLINES; i++) {
            fake.market().addKline("BTCUSDT", "1", FakeMarket.kline(first + i * MINUTE, Integer.toString(20_000 + i % 501)));
        }
        server = start(null, null);
        Path home = server.home();
        String token = server.adminToken();
        Api api = new Api(server);
        api.awaitExchange(token, "bybit", "fake");
        Api.Reply started = api.post("/api/v1/candles/downloads", token, "{\"exchange\":\"bybit\",\"account\":\"fake\","
                + "\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"from\":\"" + Instant.ofEpochMilli(first) + "\",\"to\":\""
                + Instant.ofEpochMilli(first + KLINES * MINUTE) + "\"}");
        assertEquals(started.toString(), 202, started.status());
        JsonNode progress = api.await("/api/v1/candles", token, list -> list.size() == 1
                && list.get(0).path("download").path("candles").asLong() >= 10_000, Duration.ofSeconds(60),
                "a first page recorded").get(0).path("download");
        assertEquals(progress.toString(), "RUNNING", progress.path("state").asText());
        assertEquals("nothing merged before the range is complete", 0, api.get("/api/v1/candles", token).json()
                .get(0).path("candles").intValue());
        server.kill();
        server.awaitExit(Duration.ofSeconds(30));

        server = start(home, token);
        api = new Api(server);
        JsonNode done = api.await("/api/v1/candles", token, list -> list.size() == 1
                && "DONE".equals(list.get(0).path("download").path("state").asText()), Duration.ofSeconds(120),
                "the download DONE after the restart").get(0);
        assertEquals(done.toString(), KLINES, done.path("candles").intValue());
        assertEquals(done.toString(), 0, done.path("gaps").intValue());
        assertEquals(KLINES, done.path("download").path("candles").intValue());
        Matcher resumed = Pattern.compile("continuing the download into bybit/BTCUSDT/1m from (\\S+)")
                .matcher(server.logText());
        assertTrue(server.logTail(30), resumed.find());
        assertTrue("continued after the pages recorded, not from the start: " + resumed.group(1),
                Instant.parse(resumed.group(1)).toEpochMilli() >= first + 10_000 * MINUTE);
    }
}
