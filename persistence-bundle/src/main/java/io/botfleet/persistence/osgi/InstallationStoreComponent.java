package io.botfleet.persistence.osgi;

import io.botfleet.api.store.InstallationStore;
import io.botfleet.persistence.JdbcStores;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link InstallationStore} service; present only while the database is open. */
@Component(service = InstallationStore.class)
public final class InstallationStoreComponent implements InstallationStore {

    @Reference
    private JdbcStores stores;

    @Override
    public String getOrCreate(String name, String initial) {
        return stores.installation().getOrCreate(name, initial);
    }

    @Override
    public Optional<String> get(String name) {
        return stores.installation().get(name);
    }

    @Override
    public boolean remove(String name) {
        return stores.installation().remove(name);
    }
}
