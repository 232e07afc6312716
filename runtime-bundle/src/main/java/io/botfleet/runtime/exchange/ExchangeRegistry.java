package io.botfleet.runtime.exchange;

import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exchange account, as DS binds the adapter services: dynamic and greedy, so accounts come
 * and go (a configuration file added or removed) without restarting the runtime.
 */
@Component(service = ExchangeRegistry.class)
public class ExchangeRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeRegistry.class);

    /** Told when an account appears or goes. Called on the framework's thread: must not block. */
    public interface Listener {
        void accountAdded(ExchangeRef account, ExchangeAdapter adapter);

        void accountRemoved(ExchangeRef account, ExchangeAdapter adapter);
    }

    private final Map<ExchangeRef, ExchangeAdapter> accounts = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Reference(service = ExchangeAdapter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addAdapter(ExchangeAdapter adapter, Map<String, Object> props) {
        ExchangeRef ref = refOf(props);
        if (ref == null) {
            LOG.warn("ignoring an exchange adapter without {} and {} properties", ExchangeProperties.ID, ExchangeProperties.ACCOUNT);
            return;
        }
        accounts.put(ref, adapter);
        LOG.info("exchange account {}/{} available", ref.id(), ref.account());
        listeners.forEach(l -> l.accountAdded(ref, adapter));
    }

    void removeAdapter(ExchangeAdapter adapter, Map<String, Object> props) {
        ExchangeRef ref = refOf(props);
        if (ref != null && accounts.remove(ref, adapter)) {
            LOG.info("exchange account {}/{} gone", ref.id(), ref.account());
            listeners.forEach(l -> l.accountRemoved(ref, adapter));
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public Optional<ExchangeAdapter> find(ExchangeRef account) {
        return Optional.ofNullable(accounts.get(account));
    }

    /** Every account, ordered by exchange id then account. */
    public Map<ExchangeRef, ExchangeAdapter> all() {
        Map<ExchangeRef, ExchangeAdapter> sorted = new TreeMap<>(
                java.util.Comparator.comparing(ExchangeRef::id).thenComparing(ExchangeRef::account));
        sorted.putAll(accounts);
        return sorted;
    }

    private static ExchangeRef refOf(Map<String, Object> props) {
        Object id = props.get(ExchangeProperties.ID);
        Object account = props.get(ExchangeProperties.ACCOUNT);
        if (id == null || account == null) {
            return null;
        }
        try {
            return new ExchangeRef(id.toString(), account.toString());
        } catch (IllegalArgumentException blank) {
            return null;
        }
    }
}
