package io.botfleet.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HomeSetupTest {

    @Rule
    public TemporaryFolder folders = new TemporaryFolder();

    private Path install;

    @Before
    public void distributionWithDefaults() throws IOException {
        install = folders.newFolder("dist").toPath();
        Files.createDirectories(install.resolve("etc/bots"));
        Files.writeString(install.resolve("etc/io.botfleet.exchange.paper-default.cfg"), "account=default\n");
        Files.writeString(install.resolve("etc/bots/demo-sma.json"), "{}\n");
    }

    @Test
    public void aNewHomeGetsTheDefaultConfigurationAndItsFolders() throws IOException {
        Path home = folders.getRoot().toPath().resolve("new-home");

        HomeSetup.prepare(home, install);

        assertEquals("account=default\n", Files.readString(home.resolve("etc/io.botfleet.exchange.paper-default.cfg")));
        assertTrue(Files.isRegularFile(home.resolve("etc/bots/demo-sma.json")));
        assertTrue(Files.isDirectory(home.resolve("data")));
        assertTrue(Files.isDirectory(home.resolve("deploy")));
    }

    @Test
    public void anExistingEtcIsLeftAsTheOperatorWroteIt() throws IOException {
        Path home = folders.newFolder("home").toPath();
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/mine.cfg"), "a=b\n");

        HomeSetup.prepare(home, install);

        assertFalse(Files.exists(home.resolve("etc/io.botfleet.exchange.paper-default.cfg")));
        assertEquals("a=b\n", Files.readString(home.resolve("etc/mine.cfg")));
    }

    @Test
    public void theDistributionIsItsOwnDefaultHome() throws IOException {
        HomeSetup.prepare(install, install);

        assertTrue(Files.isDirectory(install.resolve("data")));
        assertTrue(Files.isDirectory(install.resolve("deploy")));
    }

    @Test
    public void dataAndTheFilesInItAreOwnerOnlyAlsoInAnOlderHome() throws IOException {
        Path home = folders.getRoot().toPath().resolve("old-home");
        Path data = Files.createDirectories(home.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path database = Files.writeString(data.resolve("botfleet.mv.db"), "h2");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

        HomeSetup.prepare(home, install);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(database)));
    }
}
