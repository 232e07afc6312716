package io.botfleet.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real candle files of {@code ../shared/data}, found from wherever the tests run. */
final class SharedData {

    private SharedData() {
    }

    static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/" + name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data/" + name + " above " + Path.of("").toAbsolutePath());
    }
}
