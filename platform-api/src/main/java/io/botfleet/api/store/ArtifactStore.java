package io.botfleet.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every bundle jar ever deployed, content-addressed by SHA-256, so that a rollback can reinstall a
 * version that was uninstalled. Nothing is ever overwritten. Synchronous, thread-safe.
 */
@ProviderType
public interface ArtifactStore {

    /**
     * Stores a jar. Storing the same name, version and content again returns the stored entry.
     *
     * @throws StoreConflictException when the name and version are stored with other content
     */
    Artifact put(String symbolicName, String version, byte[] jar);

    Optional<Artifact> find(String symbolicName, String version);

    /** The bytes of the jar with this SHA-256, verified against it on read. */
    Optional<byte[]> content(String sha256);

    /** Every artifact, by symbolic name then version. */
    List<Artifact> list();
}
