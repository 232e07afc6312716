package io.botfleet.exchange.bybit.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Classified;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Failure;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Health;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.RateLimited;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Resync;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Retry;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Success;
import io.botfleet.exchange.bybit.rest.ResponseClassifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** Every answer the REST client tells apart, one row each: status, body and idempotence in; verdict, error and health out. */
public class ResponseClassifierTest {

    private static final String OK = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"a\":1},\"time\":1700000000123}";

    private record Row(String name, int status, String body, boolean idempotent, Class<? extends Verdict> verdict,
                       ErrorKind kind, String code, List<Health> health) {
    }

    private static String ret(int code) {
        return "{\"retCode\":" + code + ",\"retMsg\":\"msg " + code + "\",\"result\":{},\"time\":1700000000123}";
    }

    private static final List<Row> TABLE = List.of(
            new Row("success", 200, OK, true, Success.class, null, null, List.of(Health.SUCCESS)),
            new Row("success of a create", 200, OK, false, Success.class, null, null, List.of(Health.SUCCESS)),
            new Row("5xx of a read", 503, "", true, Retry.class, ErrorKind.TRANSIENT, "http-503", List.of(Health.TRANSIENT)),
            new Row("5xx of a create", 502, "", false, Failure.class, ErrorKind.UNKNOWN_OUTCOME, "http-502",
                    List.of(Health.TRANSIENT)),
            new Row("401", 401, "", true, Failure.class, ErrorKind.AUTH, "http-401", List.of(Health.AUTH_FAILED)),
            new Row("403 IP ban", 403, "", true, Failure.class, ErrorKind.RATE_LIMITED, "http-403", List.of(Health.TRANSIENT)),
            new Row("429", 429, "", false, RateLimited.class, null, "http-429", List.of()),
            new Row("404", 404, "", true, Failure.class, ErrorKind.REJECTED, "http-404", List.of(Health.REACHABLE)),
            new Row("unparseable read", 200, "<html>", true, Retry.class, ErrorKind.TRANSIENT, "parse",
                    List.of(Health.TRANSIENT)),
            new Row("unparseable create", 200, "{\"retCode\":", false, Failure.class, ErrorKind.UNKNOWN_OUTCOME, "parse",
                    List.of(Health.TRANSIENT)),
            new Row("10002 timestamp", 200, ret(10002), false, Resync.class, ErrorKind.TRANSIENT, "10002",
                    List.of(Health.REACHABLE)),
            new Row("10006 rate limit", 200, ret(10006), true, RateLimited.class, null, "10006", List.of(Health.REACHABLE)),
            new Row("10016 read", 200, ret(10016), true, Retry.class, ErrorKind.TRANSIENT, "10016",
                    List.of(Health.REACHABLE, Health.TRANSIENT)),
            new Row("10016 create", 200, ret(10016), false, Failure.class, ErrorKind.UNKNOWN_OUTCOME, "10016",
                    List.of(Health.REACHABLE, Health.TRANSIENT)),
            new Row("10003 bad key", 200, ret(10003), true, Failure.class, ErrorKind.AUTH, "10003",
                    List.of(Health.REACHABLE, Health.AUTH_FAILED)),
            new Row("110007 balance", 200, ret(110007), false, Failure.class, ErrorKind.REJECTED, "110007",
                    List.of(Health.REACHABLE)),
            new Row("110001 not found", 200, ret(110001), true, Failure.class, ErrorKind.NOT_FOUND, "110001",
                    List.of(Health.REACHABLE)));

    @Test
    public void everyRowOfTheTable() {
        for (Row row : TABLE) {
            Classified c = ResponseClassifier.classify(row.status(), row.body().getBytes(StandardCharsets.UTF_8),
                    "/v5/order/create", row.idempotent());
            assertEquals(row.name(), row.verdict(), c.verdict().getClass());
            assertEquals(row.name(), row.health(), c.health().stream().map(ResponseClassifier.HealthNote::health).toList());
            ExchangeException error = error(c.verdict());
            if (row.kind() != null) {
                assertEquals(row.name(), row.kind(), error.kind());
                assertEquals(row.name(), row.code(), error.code());
            } else if (c.verdict() instanceof RateLimited limited) {
                assertEquals(row.name(), row.code(), limited.code());
            }
        }
    }

    @Test
    public void theEnvelopesClockAndResultAreHandedOn() {
        Classified c = ResponseClassifier.classify(200, OK.getBytes(StandardCharsets.UTF_8), "/v5/market/time", true);
        assertEquals(1700000000123L, c.serverTime());
        assertEquals(1, ((Success) c.verdict()).result().path("a").asInt());
        assertEquals("no clock in a failed HTTP answer", 0,
                ResponseClassifier.classify(503, new byte[0], "/x", true).serverTime());
    }

    @Test
    public void messagesNameTheEndpointAndTheIpBanSaysHowLong() {
        Failure banned = (Failure) ResponseClassifier.classify(403, new byte[0], "/v5/x", true).verdict();
        assertEquals(ResponseClassifier.IP_BAN_MILLIS, banned.error().retryAfterMillis());
        Failure wrongPath = (Failure) ResponseClassifier.classify(404, new byte[0], "/v5/x", true).verdict();
        assertTrue(wrongPath.error().getMessage(), wrongPath.error().getMessage().contains("/v5/x (wrong path: check restUrl)"));
    }

    private static ExchangeException error(Verdict verdict) {
        if (verdict instanceof Failure f) {
            return f.error();
        }
        if (verdict instanceof Retry r) {
            return r.error();
        }
        if (verdict instanceof Resync r) {
            return r.error();
        }
        return null;
    }
}
