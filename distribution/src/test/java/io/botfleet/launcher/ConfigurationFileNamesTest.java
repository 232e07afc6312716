package io.botfleet.launcher;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConfigurationFileNamesTest {

    @Rule
    public TemporaryFolder folders = new TemporaryFolder();

    @Test
    public void findsTheTildeSpellingOfFactoryConfigurations() throws IOException {
        Path etc = folders.newFolder("etc").toPath();
        for (String name : List.of("io.botfleet.exchange.paper~walk.cfg", "io.botfleet.exchange.paper-default.cfg",
                "io.botfleet.runtime.health.ReadinessServlet.cfg", "notes~draft.txt", "x.y~z.config")) {
            Files.writeString(etc.resolve(name), "a=b\n");
        }

        List<Path> misread = ConfigurationFileNames.misread(etc);

        assertEquals(List.of(etc.resolve("io.botfleet.exchange.paper~walk.cfg"), etc.resolve("x.y~z.config")), misread);
    }
}
