package io.botfleet.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Warns about configuration files FileInstall 3.7.4 will misread. It turns
 * {@code <factoryPid>-<name>.cfg} into the named factory configuration
 * {@code <factoryPid>~<name>}, but reads a file named {@code <factoryPid>~<name>.cfg} (the
 * spelling of OSGi R7 and of most documentation) as a plain configuration with that PID, which no
 * factory component ever sees: the account or service it describes silently never starts.
 */
final class ConfigurationFileNames {

    private ConfigurationFileNames() {
    }

    static void warnAboutMisreadNames(Path etc) throws IOException {
        for (Path file : misread(etc)) {
            String name = file.getFileName().toString();
            Console.error(etc.relativize(file) + " is not read as a factory configuration: name it "
                    + name.replaceFirst("~", "-"));
        }
    }

    static List<Path> misread(Path etc) throws IOException {
        if (!Files.isDirectory(etc)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(etc)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString();
                int tilde = name.indexOf('~');
                return tilde > 0 && name.lastIndexOf('-', tilde) < 0
                        && (name.endsWith(".cfg") || name.endsWith(".config"));
            }).sorted().toList();
        }
    }
}
