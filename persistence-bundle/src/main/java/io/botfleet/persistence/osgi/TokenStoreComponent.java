package io.botfleet.persistence.osgi;

import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.TokenStore;
import io.botfleet.persistence.JdbcStores;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link TokenStore} service; present only while the database is open. */
@Component(service = TokenStore.class)
public final class TokenStoreComponent implements TokenStore {

    @Reference
    private JdbcStores stores;

    @Override
    public void create(ApiToken token) {
        stores.tokens().create(token);
    }

    @Override
    public Optional<ApiToken> findByHash(String hash) {
        return stores.tokens().findByHash(hash);
    }

    @Override
    public boolean revoke(String name) {
        return stores.tokens().revoke(name);
    }

    @Override
    public List<ApiToken> list() {
        return stores.tokens().list();
    }
}
