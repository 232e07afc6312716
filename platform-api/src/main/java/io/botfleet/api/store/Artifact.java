package io.botfleet.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A bundle jar kept in the artifact store.
 *
 * @param symbolicName Bundle-SymbolicName
 * @param version      Bundle-Version
 * @param sha256       lowercase hex SHA-256 of the jar's bytes
 * @param size         bytes
 * @param storedAt     when it was first stored
 */
public record Artifact(String symbolicName, String version, String sha256, long size, Instant storedAt) {

    public Artifact {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(storedAt, "storedAt");
    }
}
