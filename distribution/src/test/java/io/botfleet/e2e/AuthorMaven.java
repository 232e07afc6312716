package io.botfleet.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maven as a strategy author runs it, as a process of its own, but with a private local
 * repository (the build's target/archetype-repo, holding this reactor's Botfleet artifacts) and
 * settings whose only repository is the shared local repository read through a file: mirror: no
 * network, and nothing written to the shared repository.
 */
final class AuthorMaven {

    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path settings;
    private final Path logs;

    private AuthorMaven(Path settings, Path logs) {
        this.settings = settings;
        this.logs = logs;
    }

    /** Writes the settings into {@code work}, where each run's output is kept too. */
    static AuthorMaven in(Path work) throws IOException {
        Files.createDirectories(work);
        String shared = Path.of(required("botfleet.shared.repo")).toUri().toString();
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors><mirror><id>shared-local-repository</id><mirrorOf>*</mirrorOf><url>%s</url></mirror></mirrors>
                  <profiles><profile><id>no-checksums</id>
                    <repositories><repository><id>central</id><url>https://repo.maven.apache.org/maven2</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></repository></repositories>
                    <pluginRepositories><pluginRepository><id>central</id><url>https://repo.maven.apache.org/maven2</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>no-checksums</activeProfile></activeProfiles>
                </settings>
                """.formatted(shared), StandardCharsets.UTF_8);
        return new AuthorMaven(settings, work);
    }

    /** The Botfleet version of this build: the archetype's and the strategy parent's. */
    static String botfleetVersion() {
        return required("botfleet.version");
    }

    static String archetypePluginVersion() {
        return required("botfleet.archetype.plugin.version");
    }

    /**
     * Runs {@code mvn -B <args>} in {@code folder}; fails with the end of its output unless it
     * exits 0.
     */
    void run(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(required("botfleet.maven.home"), "bin", "mvn").toString());
        command.addAll(List.of("-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + required("botfleet.archetype.repo")));
        command.addAll(List.of(args));
        Path log = logs.resolve(String.format("mvn-%02d.log", RUNS.incrementAndGet()));
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " still running after " + LIMIT);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue()
                    + " in " + folder + "; the end of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (see distribution/pom.xml)");
        }
        return value;
    }
}
