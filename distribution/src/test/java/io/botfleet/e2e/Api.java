package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.distribution.DistributionProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A thin HTTP client for the black-box API tests: sends requests to a {@link DistributionProcess}
 * and checks problem documents. Keeps every response body it saw, so a test can prove that a
 * token or a secret never appeared in any of them.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String APPLICATION_JSON = "application/json";

    /** A response, its body read as text. */
    record Reply(int status, String contentType, String body, HttpResponse<String> raw) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    final DistributionProcess server;
    final List<String> bodiesSeen = Collections.synchronizedList(new ArrayList<>());
    private OpenApiContract contract;

    Api(DistributionProcess server) {
        this.server = server;
    }

    /**
     * Sends a request; its response must be one the server's OpenAPI document describes (see
     * {@link OpenApiContract}): a test that gets an undocumented answer fails there.
     */
    Reply send(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        Reply reply = exchange(method, path, token, contentType, body);
        if (path.startsWith(OpenApiContract.PREFIX)) {
            contract().checkResponse(method, path, reply.status(), reply.contentType(), reply.body());
        }
        return reply;
    }

    /** The server's OpenAPI document, fetched once (without a token, as any client would). */
    synchronized OpenApiContract contract() {
        if (contract == null) {
            Reply doc = exchange("GET", OpenApiContract.PREFIX + "/openapi.json", null, null,
                    HttpRequest.BodyPublishers.noBody());
            assertEquals(doc.toString(), 200, doc.status());
            try {
                contract = new OpenApiContract(doc.body());
            } catch (IOException e) {
                throw new AssertionError("the OpenAPI document is not JSON", e);
            }
        }
        return contract;
    }

    /** Sends a request and returns its response as it is, unchecked. */
    private Reply exchange(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).method(method, body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = server.send(b);
            Reply reply = new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
            bodiesSeen.add(r.body());
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    Reply send(String method, String path, String token, String contentType, byte[] body) {
        return send(method, path, token, contentType, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, (byte[]) null);
    }

    Reply post(String path, String token, String json) {
        return send("POST", path, token, json == null ? null : APPLICATION_JSON,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    Reply patch(String path, String token, String json) {
        return send("PATCH", path, token, APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    Reply delete(String path, String token) {
        return send("DELETE", path, token, null, (byte[]) null);
    }

    /** Creates a token of {@code role} and returns its value. */
    String token(String admin, String name, String role) {
        Reply r = post("/api/v1/tokens", admin, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertEquals(r.toString(), 201, r.status());
        return r.json().get("token").textValue();
    }

    /** Asserts an RFC 9457 problem with this status; returns its document. */
    static JsonNode assertProblem(Reply r, int status) {
        assertEquals(r.toString(), status, r.status());
        return assertProblem(r);
    }

    /** Asserts an RFC 9457 problem with a 4xx status. */
    static JsonNode assertClientProblem(Reply r) {
        assertTrue("4xx expected: " + r, r.status() >= 400 && r.status() < 500);
        return assertProblem(r);
    }

    private static JsonNode assertProblem(Reply r) {
        assertTrue("problem+json expected: " + r, r.contentType().startsWith("application/problem+json"));
        JsonNode p = r.json();
        assertEquals(r.toString(), r.status(), p.path("status").intValue());
        assertNotNull(r.toString(), p.get("type"));
        assertNotNull(r.toString(), p.get("title"));
        assertTrue("a detail that says why: " + r, p.path("detail").asText().length() > 3);
        return p;
    }

    /** Polls {@code GET path} until {@code condition} holds. */
    JsonNode await(String path, String token, Predicate<JsonNode> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            // answers while the server starts (the container's own 404 page) are not the API's: unchecked
            last = exchange("GET", path, token, null, HttpRequest.BodyPublishers.noBody());
            if (last.status() == 200 && condition.test(last.json())) {
                if (path.startsWith(OpenApiContract.PREFIX)) {
                    contract().checkResponse("GET", path, last.status(), last.contentType(), last.body());
                }
                return last.json();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; last: " + last + "\n" + server.logTail(40));
    }

    /** Waits until the exchange account is registered and UP (configurations arrive asynchronously). */
    void awaitExchange(String token, String exchange, String account) {
        await("/api/v1/exchanges", token, list -> {
            for (JsonNode e : list) {
                if (exchange.equals(e.path("id").asText()) && account.equals(e.path("account").asText())
                        && "UP".equals(e.path("status").asText())) {
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(60), exchange + "/" + account + " UP");
    }

    static String botJson(String id, String account, boolean autoStart) {
        return "{\"id\":\"" + id + "\","
                + "\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":2,\"slow\":3}},"
                + "\"exchange\":{\"id\":\"paper\",\"account\":\"" + account + "\"},"
                + "\"symbol\":\"BTCUSDT\",\"interval\":\"1m\","
                + "\"risk\":{\"orderQty\":\"0.01\",\"maxPositionQty\":\"0.05\",\"maxOrderNotional\":\"5000\"},"
                + "\"autoStart\":" + autoStart + "}";
    }
}
