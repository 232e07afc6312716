package io.botfleet.benchmarks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load figures of the HTTP API: requests/s and p99 latency of {@code GET /api/v1/bots/{id}} on
 * loopback with N bots, measured by {@code wrk} (Debian package {@code wrk}).
 *
 * <p>Against a running server: creates bots {@code bench-0000}... on a paper account (existing
 * ones are kept), optionally starts them, then runs wrk with a script that cycles through all
 * their ids, and prints wrk's figures. Only loopback addresses are accepted as targets.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.http.ApiLoad \
 *     --url http://127.0.0.1:8080 --token "$BOTFLEET_ADMIN_TOKEN" --bots 1000 --start true \
 *     --duration 30 --connections 32 --threads 2 [--cleanup true] [--pid SERVER_PID]
 * </pre>
 */
public final class ApiLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("url", "http://127.0.0.1:8080");
        String token = o.getOrDefault("token", System.getenv("BOTFLEET_ADMIN_TOKEN"));
        int bots = Integer.parseInt(o.getOrDefault("bots", "1000"));
        String account = o.getOrDefault("account", "default");
        boolean start = Boolean.parseBoolean(o.getOrDefault("start", "false"));
        int duration = Integer.parseInt(o.getOrDefault("duration", "30"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "32"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
        boolean cleanup = Boolean.parseBoolean(o.getOrDefault("cleanup", "false"));
        String host = URI.create(url).getHost();
        if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"))) {
            throw new IllegalArgumentException("loopback targets only, not " + host);
        }
        if (token == null) {
            throw new IllegalArgumentException("--token or BOTFLEET_ADMIN_TOKEN is required");
        }

        long t0 = System.nanoTime();
        int created = 0;
        for (int i = 0; i < bots; i++) {
            String id = id(i);
            int status = send(url, token, "POST", "/api/v1/bots", botJson(id, account));
            if (status == 201) {
                created++;
            } else if (status != 409) {
                throw new IllegalStateException("creating " + id + " answered " + status);
            }
            if (start) {
                send(url, token, "POST", "/api/v1/bots/" + id + "/start", null); // 409 when running
            }
        }
        System.out.printf("bots: %d (%d created) in %.1f s%s%n", bots, created, (System.nanoTime() - t0) / 1e9,
                start ? ", started" : "");

        Path script = Files.createTempFile("botfleet-wrk-", ".lua");
        Files.writeString(script, wrkScript(token, bots), StandardCharsets.UTF_8);
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration + "s",
                "--latency", "-s", script.toString(), url);
        System.out.println("running: " + String.join(" ", command).replace(script.toString(), "<script>"));
        long serverPid = Long.parseLong(o.getOrDefault("pid", "-1"));
        long cpuBefore = cpuTicks(serverPid);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = wrk.waitFor();
        long cpuAfter = cpuTicks(serverPid);
        Files.deleteIfExists(script);
        System.out.println(out);
        if (exit != 0) {
            throw new IllegalStateException("wrk exited with " + exit);
        }
        System.out.printf("RESULT GET /api/v1/bots/{id}: %s requests/s, p50 %s, p99 %s, non-2xx %s (%d bots, %d connections, %d threads, %d s)%n",
                find(out, "Requests/sec:\\s+([\\d.]+)"), find(out, "\\s50%\\s+([\\d.]+\\w+)"),
                find(out, "\\s99%\\s+([\\d.]+\\w+)"), find(out, "Non-2xx or 3xx responses: (\\d+)", "0"),
                bots, connections, threads, duration);
        if (cpuBefore >= 0 && cpuAfter >= 0) {
            // Server CPU per request: a figure that does not depend on what else the machine
            // runs, unlike requests/s on a shared 2-core box.
            double requests = Double.parseDouble(find(out, "(\\d+) requests in", "0"));
            double cpuMicros = (cpuAfter - cpuBefore) * 10_000.0; // USER_HZ = 100
            System.out.printf("SERVER CPU: %.1f us per request (%.1f s of CPU for %.0f requests)%n",
                    cpuMicros / Math.max(1, requests), cpuMicros / 1e6, requests);
        }

        if (cleanup) {
            for (int i = 0; i < bots; i++) {
                send(url, token, "POST", "/api/v1/bots/" + id(i) + "/stop", null);
            }
            for (int i = 0; i < bots; i++) {
                for (int attempt = 0; attempt < 50; attempt++) {
                    int status = send(url, token, "DELETE", "/api/v1/bots/" + id(i), null);
                    if (status != 409) {
                        break;
                    }
                    Thread.sleep(100); // still stopping
                }
            }
        }
    }

    /** utime + stime of a process in clock ticks, from /proc (Linux), or -1. */
    static long cpuTicks(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String id(int i) {
        return String.format("bench-%04d", i);
    }

    static String botJson(String id, String account) {
        return "{\"id\":\"" + id + "\",\"strategy\":{\"id\":\"sma-crossover\",\"params\":{\"fast\":5,\"slow\":20}},"
                + "\"exchange\":{\"id\":\"paper\",\"account\":\"" + account + "\"},\"symbol\":\"BTCUSDT\","
                + "\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.01\"},\"autoStart\":false}";
    }

    /** wrk script: every request a different bot, round robin, with the bearer token. */
    static String wrkScript(String token, int bots) {
        return "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n"
                + "local n = 0\n"
                + "request = function()\n"
                + "  n = n + 1\n"
                + "  return wrk.format(\"GET\", string.format(\"/api/v1/bots/bench-%04d\", n % " + bots + "))\n"
                + "end\n";
    }

    private static int send(String url, String token, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String find(String text, String regex) {
        return find(text, regex, "?");
    }

    private static String find(String text, String regex, String otherwise) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                o.put(args[i].substring(2), args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unexpected arguments " + rest);
        }
        return o;
    }
}
