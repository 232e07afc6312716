package io.botfleet.runtime.exchange;

import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Comparator;

/**
 * Every exchange account, as DS binds the adapter services: dynamic and greedy, so accounts come
 * and go (a configuration file added or removed) without restarting the runtime.
 *
 * <p>The runtime never calls an adapter service directly: {@link #find} hands out a
 * {@link GuardedExchangeAdapter}, which puts every call through the account's
 * {@link AccountBreaker} and retries reads. Breaker settings (PID {@code io.botfleet.runtime.breaker})
 * are read at activation; a change applies to accounts that appear afterwards (it does not
 * restart the fleet, which a re-activation of this component would).
 */
@Component(service = ExchangeRegistry.class, configurationPid = "io.botfleet.runtime.breaker")
@Designate(ocd = BreakerConfig.class)
public class ExchangeRegistry implements AccountBreaker.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeRegistry.class);

    /** Told when an account appears or goes. Called on the framework's thread: must not block. */
    public interface Listener {
        void accountAdded(ExchangeRef account, ExchangeAdapter adapter);

        void accountRemoved(ExchangeRef account, ExchangeAdapter adapter);

        /** The account's circuit breaker opened: its bots must stop calling it. Must not block. */
        default void breakerOpened(ExchangeRef account, String reason) {
        }

        /** The account's circuit breaker closed again after an opening. Must not block. */
        default void breakerClosed(ExchangeRef account) {
        }
    }

    private final Map<ExchangeRef, GuardedExchangeAdapter> accounts = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile BreakerSettings settings;

    /** For use outside OSGi (tests, tools): default breaker settings. */
    public ExchangeRegistry() {
        this(BreakerSettings.DEFAULTS);
    }

    public ExchangeRegistry(BreakerSettings settings) {
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "botfleet-exchange-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Activate
    public ExchangeRegistry(BreakerConfig config) {
        this(BreakerSettings.of(config));
    }

    @Modified
    void modified(BreakerConfig config) {
        settings = BreakerSettings.of(config);
        LOG.info("circuit breaker settings changed: {} (applies to accounts that appear from now on)", settings);
    }

    @Deactivate
    public void close() {
        accounts.values().forEach(a -> a.breaker().close());
        timer.shutdownNow();
    }

    @Reference(service = ExchangeAdapter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addAdapter(ExchangeAdapter adapter, Map<String, Object> props) {
        ExchangeRef ref = refOf(props);
        if (ref == null) {
            LOG.warn("ignoring an exchange adapter without {} and {} properties", ExchangeProperties.ID, ExchangeProperties.ACCOUNT);
            return;
        }
        BreakerSettings now = settings;
        AccountBreaker breaker = new AccountBreaker(ref, now, adapter::balances, timer, this, Clock.systemUTC());
        GuardedExchangeAdapter guarded = new GuardedExchangeAdapter(adapter, breaker);
        GuardedExchangeAdapter before = accounts.put(ref, guarded);
        if (before != null) {
            before.breaker().close();
        }
        LOG.info("exchange account {}/{} available", ref.id(), ref.account());
        listeners.forEach(l -> l.accountAdded(ref, guarded));
    }

    public void removeAdapter(ExchangeAdapter adapter, Map<String, Object> props) {
        ExchangeRef ref = refOf(props);
        GuardedExchangeAdapter guarded = ref == null ? null : accounts.get(ref);
        if (guarded != null && guarded.unwrap() == adapter && accounts.remove(ref, guarded)) {
            guarded.breaker().close();
            LOG.info("exchange account {}/{} gone", ref.id(), ref.account());
            listeners.forEach(l -> l.accountRemoved(ref, guarded));
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The account, guarded by its circuit breaker. */
    public Optional<ExchangeAdapter> find(ExchangeRef account) {
        return Optional.ofNullable(accounts.get(account));
    }

    /** Every account, ordered by exchange id then account. */
    public Map<ExchangeRef, ExchangeAdapter> all() {
        Map<ExchangeRef, ExchangeAdapter> sorted = new TreeMap<>(
                Comparator.comparing(ExchangeRef::id).thenComparing(ExchangeRef::account));
        sorted.putAll(accounts);
        return sorted;
    }

    /** Null when bots may run on the account; otherwise why not (its breaker is not CLOSED). */
    public String blockedReason(ExchangeRef account) {
        GuardedExchangeAdapter guarded = accounts.get(account);
        return guarded == null ? null : guarded.breaker().blockedReason();
    }

    /** The breaker of the account, if the account exists. */
    public Optional<BreakerView> breaker(ExchangeRef account) {
        return Optional.ofNullable(accounts.get(account)).map(g -> g.breaker().view());
    }

    /** Every account's breaker, ordered like {@link #all()}. */
    public List<BreakerView> breakers() {
        return all().values().stream().map(a -> ((GuardedExchangeAdapter) a).breaker().view()).toList();
    }

    @Override
    public void opened(ExchangeRef account, String reason) {
        listeners.forEach(l -> l.breakerOpened(account, reason));
    }

    @Override
    public void closed(ExchangeRef account) {
        listeners.forEach(l -> l.breakerClosed(account));
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
