package io.botfleet.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * BOTFLEET_HOME: the folder with an installation's state and configuration ({@code etc/},
 * {@code data/}, {@code deploy/}). Defaults to the distribution folder itself; pointing it
 * elsewhere lets one distribution serve several homes (and every test its own throw-away home).
 *
 * <p>The launcher's side of the home: it resolves the folder from its own environment, prepares
 * it and hands it to the framework as the property {@code botfleet.home}, which every bundle reads
 * through the platform's {@code io.botfleet.api.home.BotfleetHome}.
 */
final class HomeSetup {

    static final String PROPERTY = "botfleet.home";
    static final String ENVIRONMENT = "BOTFLEET_HOME";

    private HomeSetup() {
    }

    /** The system property, else the environment variable, else the distribution folder. */
    static Path resolve(Path install) {
        String home = System.getProperty(PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv(ENVIRONMENT);
        }
        Path folder = home == null || home.isBlank() ? install : Path.of(home);
        return folder.toAbsolutePath().normalize();
    }

    /**
     * Creates the folders a home needs. A home without {@code etc/} gets a copy of the
     * distribution's default configuration, so a new home starts like the distribution does.
     */
    static void prepare(Path home, Path install) throws IOException {
        Path etc = home.resolve("etc");
        if (!Files.isDirectory(etc) && !home.equals(install)) {
            copyTree(install.resolve("etc"), etc);
        }
        for (String folder : List.of("etc", "data", "deploy")) {
            Files.createDirectories(home.resolve(folder));
        }
        ownerOnly(home.resolve("data"));
    }

    /**
     * {@code data/} holds the database, the token hash key and the admin token: only the
     * server's user may enter it, and its files (the H2 database among them) are owner-only,
     * also in a home created by an earlier version with the default umask. bin/botfleet sets
     * umask 077 so that what the server creates later is owner-only from the start.
     */
    static void ownerOnly(Path data) throws IOException {
        try {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(data)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                        if (permissions.removeIf(p -> !p.name().startsWith("OWNER_"))) {
                            Files.setPosixFilePermissions(file, permissions);
                        }
                    }
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: nothing to tighten
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
