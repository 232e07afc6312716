package io.botfleet.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Botfleet server started from the assembled distribution as a real process
 * ({@code bin/botfleet}), for black-box tests.
 *
 * <p>Each process gets its own BOTFLEET_HOME (a fresh folder under {@code target/e2e/} unless one
 * is given, so a test can restart a server on the data of a previous one), a free HTTP port, a
 * known admin token, stdin from {@code /dev/null} and stdout + stderr in {@link #log()}. Nothing
 * is deleted afterwards: the folder of a failed test is there to read.
 *
 * <pre>{@code
 * try (DistributionProcess server = DistributionProcess.builder("smoke").start()) {
 *     server.awaitReady(Duration.ofSeconds(60));
 *     HttpResponse<String> bots = server.get("/api/v1/bots", server.adminToken());
 *     server.terminate();                      // SIGTERM
 *     assertEquals(0, server.awaitExit(Duration.ofSeconds(10)));
 * }
 * }</pre>
 *
 * <p>The distribution folder comes from the system property {@code botfleet.dist} (set by the
 * module's failsafe configuration), the folder for homes and logs from
 * {@code botfleet.test.output}.
 */
public final class DistributionProcess implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path home;
    private final Path log;
    private final int port;
    private final String adminToken;

    private DistributionProcess(Process process, Path home, Path log, int port, String adminToken) {
        this.process = process;
        this.home = home;
        this.log = log;
        this.port = port;
        this.adminToken = adminToken;
    }

    /** @param name names the folder under {@code target/e2e/} (the test's name is a good one) */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The assembled distribution folder under test. */
    public static Path distribution() {
        String folder = System.getProperty("botfleet.dist");
        if (folder == null) {
            throw new IllegalStateException("system property botfleet.dist is not set: run through failsafe"
                    + " (mvn verify), or pass -Dbotfleet.dist=<distribution folder>");
        }
        return Path.of(folder).toAbsolutePath();
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    /** The file holding the server's stdout and stderr. */
    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The admin token the server was started with (BOTFLEET_ADMIN_TOKEN), or null if removed. */
    public String adminToken() {
        return adminToken;
    }

    /** {@code http://127.0.0.1:<port>} + path. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until {@code GET /health/live} answers 200. */
    public void awaitLive(Duration timeout) {
        awaitOk("/health/live", timeout);
    }

    /** Waits until {@code GET /health/ready} answers 200. */
    public void awaitReady(Duration timeout) {
        awaitOk("/health/ready", timeout);
    }

    /**
     * Polls {@code path} until it answers 200. Fails at once if the process exits, and with the
     * last answer and the end of the log when the time is up.
     */
    public void awaitOk(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with status " + process.exitValue() + " while waiting for "
                        + path + "\n" + logTail(60));
            }
            try {
                HttpResponse<String> response = get(path);
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError(path + " not 200 within " + timeout.toMillis() + " ms; last answer: " + last + "\n"
                + logTail(60));
    }

    /** {@code GET path} without a token. */
    public HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** {@code GET path} with {@code Authorization: Bearer token}. */
    public HttpResponse<String> get(String path, String token) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
    }

    /** Sends a request (build its URI with {@link #uri(String)}) with a 10 s timeout. */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sends SIGTERM (a graceful stop). */
    public void terminate() {
        process.destroy();
    }

    /** Sends a signal by name ({@code INT}, {@code HUP}, ...) with kill(1). */
    public void signal(String name) throws IOException {
        try {
            int status = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (status != 0) {
                throw new IOException("kill -" + name + " " + process.pid() + " exited with " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Whether the server ignores a signal from birth ({@code SigIgn} in /proc). A shell without job
     * control starts background commands with SIGINT and SIGQUIT ignored, and the JVM never
     * overrides an inherited ignore: under such a parent (some CI runners) Ctrl-C cannot be tested.
     */
    public boolean ignores(String signal) throws IOException {
        int number = switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException("unknown signal " + signal);
        };
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (number - 1))) != 0;
            }
        }
        throw new IOException("no SigIgn in /proc/" + process.pid() + "/status");
    }

    /** Sends SIGKILL (a crash: nothing runs after it). */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to exit and returns its status; fails if it is still running. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server still running " + timeout.toMillis() + " ms later\n" + logTail(60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** Everything the server printed so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return "--- " + log + " (last " + lines + " lines) ---\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Kills the server if it is still running; a test that wants a clean stop calls terminate(). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A free TCP port on this machine, as the kernel hands them out. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** How to start a server; every setting has a default that suits a test. */
    public static final class Builder {

        private final String name;
        private Path home;
        private int port;
        private String javaOpts;
        private final Map<String, String> environment = new HashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            environment.put("BOTFLEET_ADMIN_TOKEN", "test-admin-" + UUID.randomUUID());
        }

        /** Start on this BOTFLEET_HOME (for a restart on a previous server's data). */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** Listen on this port instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** BOTFLEET_JAVA_OPTS; the script's defaults otherwise. */
        public Builder javaOpts(String javaOpts) {
            this.javaOpts = javaOpts;
            return this;
        }

        /** Sets an environment variable of the server; null removes it (also an inherited one). */
        public Builder env(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /**
         * Writes {@code etc/<file>} into the home before the start (a ConfigAdmin file, a bot
         * seed under {@code bots/}, ...). Creates the home from the distribution's etc/ first.
         * A factory configuration may be named {@code <factoryPid>~<name>.cfg}: it is written as
         * {@code <factoryPid>-<name>.cfg}, the spelling FileInstall 3.7.4 understands.
         */
        public Builder etcFile(String file, String content) throws IOException {
            Path etc = home().resolve("etc");
            if (!Files.isDirectory(etc)) {
                copyTree(distribution().resolve("etc"), etc);
            }
            Path target = etc.resolve(factoryFileName(file));
            Files.createDirectories(target.getParent());
            Files.writeString(target, content, StandardCharsets.UTF_8);
            return this;
        }

        /** Like {@link #etcFile}, but under exactly the name given ({@code ~} spellings included). */
        public Builder etcFileNamedExactly(String file, String content) throws IOException {
            Path etc = home().resolve("etc");
            if (!Files.isDirectory(etc)) {
                copyTree(distribution().resolve("etc"), etc);
            }
            Files.writeString(etc.resolve(file), content, StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Deletes {@code etc/<file>} from the home before the start, for a test that wants less
         * than the defaults (say, {@code bots/demo-sma.json}: no demo bot). Creates the home from
         * the distribution's etc/ first.
         */
        public Builder withoutEtcFile(String file) throws IOException {
            Path etc = home().resolve("etc");
            if (!Files.isDirectory(etc)) {
                copyTree(distribution().resolve("etc"), etc);
            }
            Files.deleteIfExists(etc.resolve(file));
            return this;
        }

        public DistributionProcess start() throws IOException {
            Path dist = distribution();
            Path home = home();
            Files.createDirectories(home);
            Path log = home.resolveSibling(home.getFileName() + "-console-" + SEQUENCE.incrementAndGet() + ".log");
            int port = this.port != 0 ? this.port : freePort();

            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/botfleet").toString())
                    .directory(home.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("BOTFLEET_HOME", home.toString());
            env.put("BOTFLEET_HTTP_PORT", Integer.toString(port));
            if (javaOpts != null) {
                env.put("BOTFLEET_JAVA_OPTS", javaOpts);
            }
            environment.forEach((variable, value) -> {
                if (value == null) {
                    env.remove(variable);
                } else {
                    env.put(variable, value);
                }
            });
            return new DistributionProcess(builder.start(), home, log, port, environment.get("BOTFLEET_ADMIN_TOKEN"));
        }

        /**
         * FileInstall 3.7.4 turns {@code <factoryPid>-<name>.cfg} into the named factory
         * configuration {@code <factoryPid>~<name>}, but reads {@code <factoryPid>~<name>.cfg} as
         * a plain configuration that no factory component sees.
         */
        static String factoryFileName(String file) {
            int slash = file.lastIndexOf('/');
            String folder = file.substring(0, slash + 1);
            String name = file.substring(slash + 1);
            int tilde = name.indexOf('~');
            boolean configuration = name.endsWith(".cfg") || name.endsWith(".config");
            // FileInstall splits at the first '-': only a factory PID without one can be renamed
            boolean renamable = tilde > 0 && name.lastIndexOf('-', tilde) < 0;
            return configuration && renamable ? folder + name.substring(0, tilde) + "-" + name.substring(tilde + 1) : file;
        }

        private Path home() throws IOException {
            if (home == null) {
                Path output = Path.of(System.getProperty("botfleet.test.output", "target/e2e"));
                Files.createDirectories(output);
                home = Files.createTempDirectory(output.toAbsolutePath(), name + "-");
            }
            return home;
        }

        private static void copyTree(Path from, Path to) throws IOException {
            try (var files = Files.walk(from)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
        }
    }
}
