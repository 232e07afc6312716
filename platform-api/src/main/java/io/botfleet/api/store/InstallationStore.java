package io.botfleet.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Small installation-wide values the runtime must keep: the key for token hashes, the
 * installation id in client order ids. Created once, never changed (only removed, when a
 * value moves out of the database). Synchronous, thread-safe.
 */
@ProviderType
public interface InstallationStore {

    /**
     * Returns the value stored under {@code name}, storing {@code initial} first if there is
     * none. Concurrent callers all get the same value.
     */
    String getOrCreate(String name, String initial);

    Optional<String> get(String name);

    /**
     * Deletes the value stored under {@code name} (e.g. a secret that moved out of the database).
     *
     * @return false when there was none
     */
    boolean remove(String name);
}
