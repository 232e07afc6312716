package io.botfleet.control.auth;

import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.TokenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain in-memory token and installation stores with the SPI's semantics, for unit tests. */
public final class InMemoryStores {

    public static final class Tokens implements TokenStore {
        public final Map<String, ApiToken> byName = new ConcurrentHashMap<>();
        public final AtomicInteger lookups = new AtomicInteger();

        @Override
        public synchronized void create(ApiToken token) {
            if (byName.containsKey(token.name())) {
                throw new StoreConflictException("token " + token.name() + " exists");
            }
            byName.put(token.name(), token);
        }

        @Override
        public Optional<ApiToken> findByHash(String hash) {
            lookups.incrementAndGet();
            return byName.values().stream().filter(t -> t.hash().equals(hash)).findFirst();
        }

        @Override
        public boolean revoke(String name) {
            return byName.remove(name) != null;
        }

        @Override
        public List<ApiToken> list() {
            return new ArrayList<>(byName.values());
        }
    }

    public static final class Installation implements InstallationStore {
        public final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public String getOrCreate(String name, String initial) {
            return values.computeIfAbsent(name, n -> initial);
        }

        @Override
        public Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public boolean remove(String name) {
            return values.remove(name) != null;
        }
    }

    private InMemoryStores() {
    }
}
