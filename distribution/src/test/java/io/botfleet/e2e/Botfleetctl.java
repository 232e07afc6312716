package io.botfleet.e2e;

import io.botfleet.distribution.DistributionProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bin/botfleetctl of the assembled distribution run as a process, as an operator types it: the
 * end-to-end tests' one way of driving the command-line client.
 */
final class Botfleetctl {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** One run of botfleetctl. */
    record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private Botfleetctl() {
    }

    /** The variables that point botfleetctl at {@code server} with {@code token}. */
    static Map<String, String> env(DistributionProcess server, String token) {
        return Map.of("BOTFLEET_URL", "http://127.0.0.1:" + server.port(), "BOTFLEET_TOKEN", token);
    }

    /** Runs bin/botfleetctl with exactly these BOTFLEET_* variables (none inherited). */
    static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DistributionProcess.distribution().resolve("bin/botfleetctl").toString());
        command.addAll(List.of(args));
        // what each run printed stays there to read, like the servers' logs
        Path output = Path.of(System.getProperty("botfleet.test.output", "target/e2e"), "botfleetctl");
        Files.createDirectories(output);
        String name = String.format("%03d-%s-", RUNS.incrementAndGet(), args.length == 0 ? "none" : args[0]);
        Path out = Files.createTempFile(output, name, ".out");
        Path err = Files.createTempFile(output, name, ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("BOTFLEET_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("botfleetctl " + String.join(" ", args) + " still running after " + WAIT);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
