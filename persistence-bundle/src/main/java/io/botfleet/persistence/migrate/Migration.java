package io.botfleet.persistence.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One schema version: the statements that take the schema from {@code version - 1} to
 * {@code version}. The SQL is a resource next to this class, {@code V<version>__<name>.sql}; its
 * statements end with a semicolon at the end of a line, and {@code --} lines are comments.
 *
 * @param version     1, 2, 3... without gaps
 * @param description what it does, recorded in {@code schema_version}
 * @param resource    resource name relative to this package
 */
public record Migration(int version, String description, String resource) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, was " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(resource, "resource");
    }

    /** The statements of this migration, in order. */
    public List<String> statements() {
        try (InputStream in = Migration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + resource + " is missing from the bundle");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + resource, e);
        }
    }

    /**
     * SHA-256 of the statements (hex), recorded when the migration is applied. Taken over the
     * statements rather than the file, so that a comment, a blank line or a line ending changed
     * later does not count as an edit; anything that changes what runs does.
     */
    public String checksum() {
        return checksum(statements());
    }

    static String checksum(List<String> statements) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String statement : statements) {
                sha.update(statement.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().trim();
                statements.add(statement.substring(0, statement.length() - 1).trim());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';': " + current.toString().trim());
        }
        return statements;
    }
}
