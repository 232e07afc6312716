package io.botfleet.persistence.osgi;

import io.botfleet.api.bot.Halt;
import io.botfleet.api.store.HaltStore;
import io.botfleet.persistence.JdbcStores;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link HaltStore} service; present only while the database is open. */
@Component(service = HaltStore.class)
public final class HaltStoreComponent implements HaltStore {

    @Reference
    private JdbcStores stores;

    @Override
    public List<Halt> list() {
        return stores.halts().list();
    }

    @Override
    public void put(Halt halt) {
        stores.halts().put(halt);
    }

    @Override
    public boolean remove(String exchange, String account) {
        return stores.halts().remove(exchange, account);
    }
}
