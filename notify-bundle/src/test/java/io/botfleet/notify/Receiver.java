package io.botfleet.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real HTTP receiver for tests: answers requests as scripted (status, delay, headers), then 200,
 * and records each request. It can be stopped and started again on the same port.
 */
final class Receiver implements AutoCloseable {

    /** One scripted answer. */
    record Answer(int status, long delayMillis, Map<String, String> headers, String body) {
        static Answer status(int status) {
            return new Answer(status, 0, Map.of(), "");
        }
    }

    /** One request as received. */
    record Request(long receivedAtMillis, Map<String, String> headers, String body, int answeredWith) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Answer fallback = Answer.status(200);
    private HttpServer server;
    private int port;

    Receiver start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    void answerAlways(Answer answer) {
        fallback = answer;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The requests answered 2xx, in the order they came. */
    List<Request> accepted() {
        return requests.stream().filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] in = exchange.getRequestBody().readAllBytes();
        Answer a = script.poll();
        if (a == null) {
            a = fallback;
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                exchange.close();
                return;
            }
        }
        requests.add(new Request(System.currentTimeMillis(), headers, new String(in, StandardCharsets.UTF_8),
                a.status()));
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    @Override
    public void close() {
        stop();
    }

    static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
