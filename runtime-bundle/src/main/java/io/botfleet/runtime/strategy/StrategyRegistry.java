package io.botfleet.runtime.strategy;

import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every installed strategy version, as DS binds them: a dynamic, greedy, multiple reference, so
 * a strategy bundle coming or going never restarts the runtime, and prototype scope, so each bot
 * gets its own instance. The version is the {@code strategy.version} property or, by default, the
 * providing bundle's version.
 */
@Component(service = StrategyRegistry.class)
public class StrategyRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyRegistry.class);

    /** Told when a version appears or goes. Called on the framework's thread: must not block. */
    public interface Listener {
        void strategyAdded(StrategyProvider provider);

        void strategyRemoved(StrategyProvider provider);
    }

    private final Map<String, NavigableMap<Version, StrategyProvider>> byId = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Reference(service = Strategy.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addStrategy(ComponentServiceObjects<Strategy> objects, ServiceReference<Strategy> ref) {
        StrategyProvider provider = providerOf(objects, ref);
        if (provider == null) {
            return;
        }
        synchronized (byId) {
            byId.computeIfAbsent(provider.id(), k -> new TreeMap<>()).put(provider.version(), provider);
        }
        LOG.info("strategy {} {} available (bundle {})", provider.id(), provider.version(), ref.getBundle().getBundleId());
        listeners.forEach(l -> l.strategyAdded(provider));
    }

    void removeStrategy(ComponentServiceObjects<Strategy> objects, ServiceReference<Strategy> ref) {
        StrategyProvider removed = null;
        synchronized (byId) {
            for (NavigableMap<Version, StrategyProvider> versions : byId.values()) {
                for (StrategyProvider p : versions.values()) {
                    if (p.objects() == objects) {
                        removed = p;
                    }
                }
            }
            if (removed != null) {
                NavigableMap<Version, StrategyProvider> versions = byId.get(removed.id());
                versions.remove(removed.version());
                if (versions.isEmpty()) {
                    byId.remove(removed.id());
                }
            }
        }
        if (removed != null) {
            LOG.info("strategy {} {} gone", removed.id(), removed.version());
            StrategyProvider gone = removed;
            listeners.forEach(l -> l.strategyRemoved(gone));
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The provider of exactly this version. */
    public Optional<StrategyProvider> find(String id, String version) {
        Version wanted = parse(version);
        if (wanted == null) {
            return Optional.empty();
        }
        synchronized (byId) {
            NavigableMap<Version, StrategyProvider> versions = byId.get(id);
            return Optional.ofNullable(versions == null ? null : versions.get(wanted));
        }
    }

    /** The newest version of {@code id} that is not in {@code excluded}. */
    public Optional<StrategyProvider> newest(String id, Set<String> excluded) {
        synchronized (byId) {
            NavigableMap<Version, StrategyProvider> versions = byId.get(id);
            if (versions == null) {
                return Optional.empty();
            }
            return versions.descendingMap().values().stream()
                    .filter(p -> !excluded.contains(p.versionString()))
                    .findFirst();
        }
    }

    public boolean knows(String id) {
        return byId.containsKey(id);
    }

    /** Every provider, by id then version. */
    public List<StrategyProvider> all() {
        synchronized (byId) {
            List<StrategyProvider> all = new ArrayList<>();
            new TreeMap<>(byId).values().forEach(v -> all.addAll(v.values()));
            return all;
        }
    }

    /** Parses an OSGi version, or returns null when it is not one. */
    public static Version parse(String version) {
        try {
            return version == null ? null : Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static StrategyProvider providerOf(ComponentServiceObjects<Strategy> objects, ServiceReference<Strategy> ref) {
        Object id = ref.getProperty(StrategyProperties.ID);
        if (!(id instanceof String) || ((String) id).isBlank()) {
            LOG.warn("ignoring a strategy service of bundle {} without a {} property",
                    ref.getBundle().getSymbolicName(), StrategyProperties.ID);
            return null;
        }
        Object declared = ref.getProperty(StrategyProperties.VERSION);
        Version version = declared != null ? parse(declared.toString()) : ref.getBundle().getVersion();
        if (version == null) {
            LOG.warn("ignoring strategy {}: {} '{}' is not an OSGi version", id, StrategyProperties.VERSION, declared);
            return null;
        }
        return new StrategyProvider((String) id, version, objects, ref.getBundle());
    }
}
