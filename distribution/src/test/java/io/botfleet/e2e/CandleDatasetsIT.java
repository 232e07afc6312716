package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.Fault;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import io.botfleet.testdata.CandleFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Candle datasets on the real distribution (the backtest bundle in it): CSV uploads plain and
 * gzip-encoded, the list, a bad row and a too-large body that store nothing, an upload cut
 * halfway, roles, delete, and a download from a Bybit account pointed at the fake Bybit, paging
 * through its klines past rate-limit answers.
 */
public class CandleDatasetsIT {

    /** Small enough to exceed in a test, large enough for the data files (about 0.9 MB each). */
    private static final long LIMIT = 1_200_000;
    private static final long MINUTE = 60_000;

    private static FakeBybit fake;
    private static DistributionProcess server;
    private static Api api;
    private static String admin;
    private static String operator;
    private static String viewer;

    @BeforeClass
    public static void start() throws Exception {
        fake = FakeBybit.start();
        server = DistributionProcess.builder("candle-datasets")
                .etcFile("io.botfleet.candles.cfg", "maxUploadBytes=" + LIMIT + "\ndownloadPagePauseMillis=0\n")
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", String.join("\n", "account=fake",
                        "apiKey=" + FakeBybit.KEY, "apiSecret=" + FakeBybit.SECRET, "category=linear",
                        "restUrl=" + fake.restUrl(), "wsPublicUrl=" + fake.wsPublicUrl("linear"),
                        "wsPrivateUrl=" + fake.wsPrivateUrl(), ""))
                .start();
        server.awaitReady(Duration.ofSeconds(90));
        api = new Api(server);
        admin = server.adminToken();
        operator = api.token(admin, "candles-operator", "operator");
        viewer = api.token(admin, "candles-viewer", "viewer");
        api.await("/api/v1/candles", viewer, list -> list.isArray(), Duration.ofSeconds(60),
                "the candle routes (backtest bundle) up");
    }

    @AfterClass
    public static void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private static byte[] file(String name) throws IOException {
        try (InputStream in = CandleFiles.open(name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** PUT of a CSV, gzip-encoded or not; the answer checked against the OpenAPI document. */
    private static Api.Reply put(String path, String token, byte[] body, boolean gzipped) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv");
        if (gzipped) {
            b.header("Content-Encoding", "gzip");
        }
        HttpResponse<String> r = server.send(b);
        Api.Reply reply = new Api.Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        api.contract().checkResponse("PUT", path, reply.status(), reply.contentType(), reply.body());
        return reply;
    }

    private static JsonNode dataset(String key) {
        for (JsonNode d : api.get("/api/v1/candles", viewer).json()) {
            if (key.equals(d.path("exchange").asText() + "/" + d.path("symbol").asText() + "/"
                    + d.path("interval").asText())) {
                return d;
            }
        }
        return null;
    }

    @Test
    public void plainAndGzipUploadsAreListedExactly() throws Exception {
        Api.Reply plain = put("/api/v1/candles/paper/BTCUSDT/1m", operator, file(CandleFiles.UNITTEST_BTC), false);
        assertEquals(plain.toString(), 200, plain.status());
        JsonNode btc = plain.json();
        assertEquals(13_681, btc.path("candles").intValue());
        assertEquals(Instant.ofEpochMilli(1509836520000L).toString(), btc.path("from").asText());

        Api.Reply zipped = put("/api/v1/candles/paper/ETHBTC/1m", operator, gzip(file(CandleFiles.ETH_BTC)), true);
        assertEquals(zipped.toString(), 200, zipped.status());
        assertEquals(14_397, zipped.json().path("candles").intValue());

        assertEquals(btc, dataset("paper/BTCUSDT/1m"));
        assertEquals(zipped.json(), dataset("paper/ETHBTC/1m"));
    }

    @Test
    public void aBadRowIsA400NamingLineAndFieldAndStoresNothing() throws Exception {
        String good = "open_time_ms,open,high,low,close,volume\n1700000040000,100,101,99,100,1\n";
        assertEquals(200, put("/api/v1/candles/paper/BADROW/1m", operator, good.getBytes(StandardCharsets.US_ASCII),
                false).status());
        String bad = good + "1700000100000,100,101,99,100,2\n1700000160000,100,99,101,100,1\n";
        Api.Reply r = put("/api/v1/candles/paper/BADROW/1m", operator, bad.getBytes(StandardCharsets.US_ASCII), false);
        JsonNode problem = Api.assertProblem(r, 400);
        assertEquals("high", problem.path("field").asText());
        assertTrue(r.toString(), problem.path("detail").asText().contains("line 4"));
        assertEquals("the dataset as it was", 1, dataset("paper/BADROW/1m").path("candles").intValue());

        Api.Reply gz = put("/api/v1/candles/paper/BADROW/1m", operator, gzip(bad.getBytes(StandardCharsets.US_ASCII)),
                true);
        assertEquals(gz.toString(), 400, gz.status());
        Api.Reply notGzip = put("/api/v1/candles/paper/BADROW/1m", operator, good.getBytes(StandardCharsets.US_ASCII),
                true);
        assertEquals(notGzip.toString(), 400, notGzip.status());
        assertEquals(1, dataset("paper/BADROW/1m").path("candles").intValue());
    }

    @Test
    public void tooLargeIsA413AndStoresNothing() throws Exception {
        StringBuilder csv = new StringBuilder("open_time_ms,open,high,low,close,volume\n");
        for (long i = 0; csv.length() <= LIMIT; i++) {
            csv.append(1_700_000_040_000L + i * MINUTE).append(",100.5,101.25,99.75,100.125,12.5\n");
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.US_ASCII);
        // declared too large: refused before the body is read
        String answer = RawHttp.sendUntilAnswered(server.port(), "PUT", "/api/v1/candles/paper/HUGE/1m", operator,
                "text/csv", body);
        assertTrue(answer, answer.startsWith("HTTP/1.1 413"));
        // small on the wire, too large once inflated: refused as it is read
        Api.Reply inflated = put("/api/v1/candles/paper/HUGE/1m", operator, gzip(body), true);
        Api.assertProblem(inflated, 413);
        assertEquals(null, dataset("paper/HUGE/1m"));
    }

    @Test
    public void anUploadCutHalfwayStoresNothing() throws Exception {
        byte[] body = file(CandleFiles.UNITTEST_BTC);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/candles/paper/CUT/1m HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + operator + "\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(500);
        } // closed halfway
        Thread.sleep(1000);
        assertEquals(null, dataset("paper/CUT/1m"));
        assertEquals(200, server.get("/health/ready").statusCode());
    }

    @Test
    public void rolesAndDelete() throws Exception {
        byte[] csv = "open_time_ms,open,high,low,close,volume\n1700000040000,100,101,99,100,1\n"
                .getBytes(StandardCharsets.US_ASCII);
        Api.assertProblem(put("/api/v1/candles/paper/GONE/1m", viewer, csv, false), 403);
        assertEquals(200, put("/api/v1/candles/paper/GONE/1m", operator, csv, false).status());
        Api.assertProblem(api.delete("/api/v1/candles/paper/GONE/1m", operator), 403);
        assertEquals(204, api.delete("/api/v1/candles/paper/GONE/1m", admin).status());
        Api.assertProblem(api.delete("/api/v1/candles/paper/GONE/1m", admin), 404);
        assertEquals(null, dataset("paper/GONE/1m"));
        Api.assertProblem(put("/api/v1/candles/Paper/GONE/1m", operator, csv, false), 400);
        Api.assertProblem(put("/api/v1/candles/paper/GONE/7m", operator, csv, false), 400);
    }

    @Test
    public void aDownloadPagesThroughBybitsKlinesPastRateLimits() throws Exception {
        // 2,500 closed one-minute klines well in the past, one missing (a gap)
        long first = (fake.now() / MINUTE - 5_000) * MINUTE;
        int count = 2_500;
        for (int i = 0; i < count; i++) {
            if (i != 1_234) {
                fake.market().addKline("BTCUSDT", "1", FakeMarket.kline(first + i * MINUTE, Integer.toString(30_000 + i % 97)));
            }
        }
        fake.inject("/v5/market/kline", Fault.retCode(10006), Fault.retCode(10006));
        Api.Reply bad = api.post("/api/v1/candles/downloads", operator, "{\"exchange\":\"bybit\",\"account\":\"nope\","
                + "\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"from\":\"" + Instant.ofEpochMilli(first) + "\",\"to\":\""
                + Instant.ofEpochMilli(first + count * MINUTE) + "\"}");
        assertEquals("account", Api.assertProblem(bad, 400).path("field").asText());
        Api.assertProblem(api.post("/api/v1/candles/downloads", viewer, "{}"), 403);

        String request = "{\"exchange\":\"bybit\",\"account\":\"fake\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\","
                + "\"from\":\"" + Instant.ofEpochMilli(first) + "\",\"to\":\"" + Instant.ofEpochMilli(first + count * MINUTE)
                + "\"}";
        api.awaitExchange(viewer, "bybit", "fake");
        Api.Reply started = api.post("/api/v1/candles/downloads", operator, request);
        assertEquals(started.toString(), 202, started.status());
        assertEquals("RUNNING", started.json().path("state").asText());

        api.await("/api/v1/candles", viewer, list -> {
            JsonNode d = dataset("bybit/BTCUSDT/1m");
            return d != null && "DONE".equals(d.path("download").path("state").asText());
        }, Duration.ofSeconds(90), "the download DONE");
        JsonNode d = dataset("bybit/BTCUSDT/1m");
        assertEquals(d.toString(), count - 1, d.path("candles").intValue());
        assertEquals(d.toString(), 1, d.path("gaps").intValue());
        assertEquals(Instant.ofEpochMilli(first).toString(), d.path("from").asText());
        assertEquals(Instant.ofEpochMilli(first + (count - 1) * MINUTE).toString(), d.path("to").asText());
        assertEquals(count - 1, d.path("download").path("candles").intValue());
        assertFalse("no request went unsigned or unanswered", server.logText().contains("10004"));
    }
}
