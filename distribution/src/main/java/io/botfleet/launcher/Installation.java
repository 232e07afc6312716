package io.botfleet.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The distribution folder (holding {@code bin/}, {@code lib/}, {@code bundle/}, {@code conf/}):
 * the system property {@code botfleet.install} when {@code bin/botfleet} sets it, otherwise the
 * parent of the {@code lib/} folder this launcher's jar was loaded from.
 */
final class Installation {

    static final String PROPERTY = "botfleet.install";

    private Installation() {
    }

    static Path folder() {
        String explicit = System.getProperty(PROPERTY);
        Path folder = explicit != null ? Path.of(explicit) : fromCodeSource();
        folder = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder.resolve("bundle"))) {
            throw new LaunchException(folder + " is not a Botfleet distribution (no bundle/ folder);"
                    + " set -D" + PROPERTY + "=<folder>");
        }
        return folder;
    }

    private static Path fromCodeSource() {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new LaunchException("cannot locate the distribution folder; set -D" + PROPERTY, e);
        }
    }
}
