package io.botfleet.monitoring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The monitoring assets shipped in {@code etc/monitoring} are checked with Prometheus' own
 * {@code promtool}: the alert rules parse, their unit tests pass (each alert fires on its series
 * after its {@code for}, not before), and every PromQL expression of the Grafana dashboard parses
 * (each checked as a recording rule, the dashboard's {@code $job} variable filled in). Skipped
 * locally without promtool; under CI ({@code CI=true}, where {@code .ci/run} installs it) its
 * absence fails, as a check that silently skips in CI would prove nothing.
 */
public class MonitoringAssetsTest {

    private static final Path DIR = Path.of("src/main/dist/etc/monitoring");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @BeforeClass
    public static void promtoolInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/promtool"))
                || System.getenv("PATH") != null && List.of(System.getenv("PATH").split(":")).stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("promtool is not installed (CI installs the Debian package prometheus)");
        }
        assumeTrue("promtool is not installed", installed);
    }

    @Test
    public void theAlertRulesParseAndPassTheirTests() throws Exception {
        promtool(DIR, "check", "rules", "botfleet-alerts.yml");
        promtool(DIR, "test", "rules", "botfleet-alerts.test.yml");
    }

    @Test
    public void everyDashboardExpressionParses() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("botfleet-dashboard.json").toFile());
        List<String> rules = new ArrayList<>(List.of("groups:", "  - name: dashboard-expressions", "    rules:"));
        int n = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isEmpty()) {
                    n++;
                    // a JSON string is a valid double-quoted YAML scalar
                    rules.add("      - record: dashboard:expression_" + n);
                    rules.add("        expr: " + new ObjectMapper().writeValueAsString(expr.replace("$job", "botfleet")));
                }
            }
        }
        assertFalse("no PromQL expression in the dashboard", n == 0);
        Path file = tmp.getRoot().toPath().resolve("dashboard-rules.yml");
        Files.write(file, rules, StandardCharsets.UTF_8);
        promtool(tmp.getRoot().toPath(), "check", "rules", file.getFileName().toString());
    }

    private static void promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s:\n" + output);
        }
        assertEquals(String.join(" ", command) + ":\n" + output, 0, p.exitValue());
    }
}
