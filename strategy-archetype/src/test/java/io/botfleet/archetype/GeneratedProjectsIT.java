package io.botfleet.archetype;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * What archetype:integration-test generated and built (src/test/resources/projects/*, each
 * generated, then built by a Maven run of its own): deployable strategy bundles whose one
 * version is both the jar's and the bundle's.
 */
public class GeneratedProjectsIT {

    private static final Path PROJECTS = Path.of(System.getProperty("botfleet.it.projects"));

    @Test
    public void aReleaseVersionIsTheBundleVersionAndTheJarName() throws IOException {
        Path project = PROJECTS.resolve("basic/project/my-strategy");
        try (JarFile jar = new JarFile(project.resolve("target/my-strategy-1.0.0.jar").toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("1.0.0", main.getValue("Bundle-Version"));
            assertEquals("com.example.my-strategy", main.getValue("Bundle-SymbolicName"));
            assertEquals("my-strategy strategy", main.getValue("Bundle-Name"));
            assertEquals("a strategy bundle exports nothing", null, main.getValue("Export-Package"));
            String component = new String(jar.getInputStream(jar.getJarEntry(
                    "OSGI-INF/com.example.mystrategy.ChannelBreakout.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(component, component.contains("name=\"strategy.id\" type=\"String\" value=\"my-strategy\""));
            assertTrue(component, component.contains("scope=\"prototype\""));
            assertImportsOnlyTheApiAndTheJdk(main.getValue("Import-Package"));
        }
    }

    @Test
    public void aSnapshotBuildsAsANewBundleVersionEveryTime() throws IOException {
        Path jar = PROJECTS.resolve("snapshot/project/breakout/target/breakout-1.2.0-SNAPSHOT.jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            String version = file.getManifest().getMainAttributes().getValue("Bundle-Version");
            assertTrue(version, version.matches("1\\.2\\.0\\.SNAPSHOT-\\d{14}"));
            assertEquals("org.example.bots.breakout",
                    file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
        }
    }

    @Test
    public void thePomIsShortAndStatesTheVersionOnce() throws IOException {
        List<String> pom = Files.readAllLines(PROJECTS.resolve("basic/project/my-strategy/pom.xml"));
        assertTrue("the generated pom has " + pom.size() + " lines", pom.size() < 30);
        long versions = pom.stream().filter(l -> l.contains("<version>1.0.0</version>")).count();
        assertEquals(1, versions);
    }

    @Test
    public void theReadmeNamesTheRealCommandsForThisProject() throws IOException {
        String readme = Files.readString(PROJECTS.resolve("basic/project/my-strategy/README.md"));
        for (String expected : List.of("mvn -B verify", "target/my-strategy-", "/api/v1/bundles",
                "\"id\": \"my-strategy\"", "$BOTFLEET_CTL swap my-strategy-1 1.1.0",
                "$BOTFLEET_CTL rollback my-strategy-1", "deploy/")) {
            assertTrue("README lacks " + expected, readme.contains(expected));
        }
        assertTrue("Velocity left a reference unfilled", !readme.contains("${"));
    }

    @Test
    public void theSampleCandlesAndTheTestsCameAlong() throws IOException {
        Path project = PROJECTS.resolve("basic/project/my-strategy");
        assertTrue(Files.isRegularFile(project.resolve("src/test/resources/sample-1m.csv")));
        try (Stream<Path> reports = Files.list(project.resolve("target/surefire-reports"))) {
            assertEquals(2, reports.filter(p -> p.toString().endsWith(".txt")).count());
        }
    }

    private static void assertImportsOnlyTheApiAndTheJdk(String imports) {
        Matcher packages = Pattern.compile("(?:^|,)([a-zA-Z0-9_.]+)").matcher(imports.replaceAll("\"[^\"]*\"", ""));
        int count = 0;
        while (packages.find()) {
            String name = packages.group(1);
            count++;
            assertTrue("imports " + name + ": " + imports,
                    name.startsWith("io.botfleet.api.") || name.startsWith("java."));
        }
        assertTrue(imports, count >= 2);
    }
}
