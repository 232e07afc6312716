package io.botfleet.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that answers each {@code METHOD path} with a scripted response
 * and records the requests it got, for testing botfleetctl's side of the wire. Unscripted
 * requests get the server's 404 problem.
 */
final class ScriptedServer implements AutoCloseable {

    /** A request as the server saw it. */
    record Request(String method, String rawPath, String authorization, String contentType, byte[] body,
                   String contentEncoding) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    /** Each route's answers in turn; the last one is repeated. */
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ScriptedServer json(String method, String path, int status, String body) {
        return answer(method, path, status, "application/json; charset=utf-8", body);
    }

    ScriptedServer problem(String method, String path, int status, String detail) {
        return answer(method, path, status, "application/problem+json; charset=utf-8",
                "{\"type\":\"urn:botfleet:problem:x\",\"title\":\"x\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    ScriptedServer answer(String method, String path, int status, String contentType, String body) {
        answers.put(method + " " + path, new CopyOnWriteArrayList<>(List.of(new Answer(status, contentType, body))));
        return this;
    }

    /** Answers {@code method path} with these JSON bodies (status 200) in turn, repeating the last. */
    ScriptedServer jsonInTurn(String method, String path, String... bodies) {
        List<Answer> inTurn = new CopyOnWriteArrayList<>();
        for (String body : bodies) {
            inTurn.add(new Answer(200, "application/json; charset=utf-8", body));
        }
        answers.put(method + " " + path, inTurn);
        return this;
    }

    List<Request> requests() {
        return requests;
    }

    Request only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), rawPath,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body,
                exchange.getRequestHeaders().getFirst("Content-Encoding")));
        List<Answer> inTurn = answers.get(exchange.getRequestMethod() + " " + rawPath);
        Answer answer = inTurn == null
                ? new Answer(404, "application/problem+json", "{\"status\":404,\"detail\":\"no route " + rawPath + "\"}")
                : inTurn.size() > 1 ? inTurn.remove(0) : inTurn.get(0);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
