package io.botfleet.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FrameworkConfigTest {

    @Rule
    public TemporaryFolder folders = new TemporaryFolder();

    private Path install;
    private Path home;

    @Before
    public void distribution() throws IOException {
        install = folders.newFolder("dist").toPath();
        home = folders.newFolder("home").toPath();
        Files.createDirectories(install.resolve("conf"));
    }

    @After
    public void clearProperties() {
        System.clearProperty(FrameworkConfig.HTTP_PORT);
        System.clearProperty("felix.fileinstall.poll");
    }

    @Test
    public void substitutesTheLauncherValues() throws IOException {
        System.setProperty(FrameworkConfig.HTTP_PORT, "9123");
        write("org.osgi.framework.storage=${botfleet.home}/data/felix-cache\n"
                + "felix.fileinstall.dir=${botfleet.home}/etc,${botfleet.home}/deploy\n"
                + "org.osgi.service.http.port=${org.osgi.service.http.port}\n");

        Map<String, String> config = FrameworkConfig.load(install, home);

        assertEquals(home + "/data/felix-cache", config.get("org.osgi.framework.storage"));
        assertEquals(home + "/etc," + home + "/deploy", config.get("felix.fileinstall.dir"));
        assertEquals("9123", config.get("org.osgi.service.http.port"));
        assertEquals(home.toString(), config.get("botfleet.home"));
        assertEquals(install.toString(), config.get("botfleet.install"));
    }

    @Test
    public void aSystemPropertyOverridesAKeyOfTheFile() throws IOException {
        System.setProperty("felix.fileinstall.poll", "250");
        write("felix.fileinstall.poll=1000\n");

        assertEquals("250", FrameworkConfig.load(install, home).get("felix.fileinstall.poll"));
    }

    @Test
    public void refusesAnUndefinedVariable() throws IOException {
        write("some.key=${no.such.variable}\n");

        LaunchException e = assertThrows(LaunchException.class,
                () -> FrameworkConfig.load(install, home));
        assertTrue(e.getMessage(), e.getMessage().contains("some.key uses ${no.such.variable}"));
    }

    @Test
    public void refusesAPortThatIsNotOne() {
        System.setProperty(FrameworkConfig.HTTP_PORT, "80a");
        assertThrows(LaunchException.class, FrameworkConfig::httpPort);
        System.setProperty(FrameworkConfig.HTTP_PORT, "70000");
        assertThrows(LaunchException.class, FrameworkConfig::httpPort);
    }

    private void write(String properties) throws IOException {
        Files.writeString(install.resolve("conf/config.properties"), properties);
    }
}
