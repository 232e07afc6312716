package io.botfleet.persistence.owner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * For an H2 file database, the owner also goes in a small file beside it ({@code botfleet.owner}
 * beside {@code botfleet.mv.db}): a second process is refused by H2's file lock before it can read
 * any row, and this file is how it can still name the holder. Only read after such a refusal, so a
 * file left by a killed server is never taken for a live owner.
 */
final class OwnerFile {

    /** H2's "Database may be already in use" (the file is locked by another process). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private OwnerFile() {
    }

    /** The owner file of an H2 file URL, or empty for other URLs (in-memory, TCP server, PostgreSQL). */
    static Optional<Path> forUrl(String url) {
        String rest;
        if (url.startsWith("jdbc:h2:file:")) {
            rest = url.substring("jdbc:h2:file:".length());
        } else if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:") && !url.startsWith("jdbc:h2:zip:")) {
            rest = url.substring("jdbc:h2:".length());
        } else {
            return Optional.empty();
        }
        String file = rest.split(";", 2)[0].trim();
        if (file.isEmpty() || file.startsWith("~")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file + ".owner"));
    }

    static void write(Path file, OwnerRecord owner) throws IOException {
        String text = "mode=" + owner.mode() + "\ninstance=" + owner.instance() + "\nhost=" + owner.host()
                + "\npid=" + owner.pid() + "\nstarted=" + owner.startedAt() + "\n";
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code host h, pid 1, started t} from the file, or a note that it is not known. */
    static String describeHolder(Optional<Path> file) {
        if (file.isEmpty() || !Files.isReadable(file.get())) {
            return "holder not recorded";
        }
        try {
            String host = "?";
            String pid = "?";
            String started = "?";
            for (String line : Files.readAllLines(file.get(), StandardCharsets.UTF_8)) {
                String[] pair = line.split("=", 2);
                if (pair.length == 2) {
                    switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
                        case "host" -> host = pair[1].trim();
                        case "pid" -> pid = pair[1].trim();
                        case "started" -> started = pair[1].trim().replaceAll("\\.\\d+Z$", "Z");
                        default -> { }
                    }
                }
            }
            return "host " + host + ", pid " + pid + ", started " + started;
        } catch (IOException e) {
            return "holder not readable: " + e.getMessage();
        }
    }

    /** True when {@code failure} is H2 refusing a database file that another process holds. */
    static boolean isFileLockRefusal(Throwable failure) {
        for (Throwable x = failure; x != null; x = x.getCause()) {
            if (x instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }
}
