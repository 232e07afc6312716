package io.botfleet.persistence.osgi;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.store.BotStore;
import io.botfleet.api.store.StoredBot;
import io.botfleet.persistence.JdbcStores;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link BotStore} service; present only while the database is open (see {@link PersistenceComponent}). */
@Component(service = BotStore.class)
public final class BotStoreComponent implements BotStore {

    @Reference
    private JdbcStores stores;

    @Override
    public StoredBot create(BotConfig config, DesiredState desiredState) {
        return stores.botStore().create(config, desiredState);
    }

    @Override
    public StoredBot update(BotConfig config, long expectedVersion) {
        return stores.botStore().update(config, expectedVersion);
    }

    @Override
    public Optional<StoredBot> setDesiredState(String id, DesiredState desiredState) {
        return stores.botStore().setDesiredState(id, desiredState);
    }

    @Override
    public Optional<StoredBot> find(String id) {
        return stores.botStore().find(id);
    }

    @Override
    public List<StoredBot> list() {
        return stores.botStore().list();
    }

    @Override
    public boolean delete(String id) {
        return stores.botStore().delete(id);
    }
}
