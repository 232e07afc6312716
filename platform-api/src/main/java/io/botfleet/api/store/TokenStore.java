package io.botfleet.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** API tokens, stored hashed. Synchronous, thread-safe. */
@ProviderType
public interface TokenStore {

    /** @throws StoreConflictException when a token with this name exists */
    void create(ApiToken token);

    Optional<ApiToken> findByHash(String hash);

    /** Revokes the token; false when there was none with that name. */
    boolean revoke(String name);

    List<ApiToken> list();
}
