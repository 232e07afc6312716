package io.botfleet.persistence.osgi;

import io.botfleet.api.store.Artifact;
import io.botfleet.api.store.ArtifactStore;
import io.botfleet.persistence.JdbcStores;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ArtifactStore} service; present only while the database is open. */
@Component(service = ArtifactStore.class)
public final class ArtifactStoreComponent implements ArtifactStore {

    @Reference
    private JdbcStores stores;

    @Override
    public Artifact put(String symbolicName, String version, byte[] jar) {
        return stores.artifacts().put(symbolicName, version, jar);
    }

    @Override
    public Optional<Artifact> find(String symbolicName, String version) {
        return stores.artifacts().find(symbolicName, version);
    }

    @Override
    public Optional<byte[]> content(String sha256) {
        return stores.artifacts().content(sha256);
    }

    @Override
    public List<Artifact> list() {
        return stores.artifacts().list();
    }
}
