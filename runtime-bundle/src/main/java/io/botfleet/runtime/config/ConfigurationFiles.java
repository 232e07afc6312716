package io.botfleet.runtime.config;

import io.botfleet.api.bot.ExchangeRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the configurations FileInstall reads from {@code etc/} (those carrying
 * {@code felix.fileinstall.filename}) and does two things FileInstall 3.7.4 does not:
 *
 * <ul>
 *   <li><b>{@code <factoryPid>~<name>.cfg} is a factory configuration</b>, exactly like
 *   {@code <factoryPid>-<name>.cfg}. FileInstall reads a {@code ~} in a file name as part of a
 *   plain PID, which no factory component sees. Such a configuration is replaced by the named
 *   factory configuration {@code <factoryPid>~<name>} with the same properties, file name
 *   included, so FileInstall keeps updating and deleting it with the file.</li>
 *   <li><b>Unknown keys are reported</b>: each key the component does not read (its metatype, plus
 *   the key prefixes a component declares in its {@value #KEY_PREFIXES} property) is logged as a
 *   warning naming the file, the key and the closest known key, and is shown on the exchange
 *   account in {@code GET /api/v1/exchanges} (a factory PID {@code io.botfleet.exchange.<id>}
 *   is account {@code <id>/<account or name>}).</li>
 * </ul>
 *
 * Everything runs on one thread of its own, in the order the events came.
 */
@Component(service = {ConfigurationListener.class, ConfigWarnings.class}, immediate = true)
public class ConfigurationFiles implements ConfigurationListener, ConfigWarnings, BundleListener {

    static final String FILE = "felix.fileinstall.filename";
    /** Component property: key prefixes a component reads beyond its metatype (e.g. {@code balance.}). */
    public static final String KEY_PREFIXES = "botfleet.config.keyPrefixes";
    static final String EXCHANGE_FACTORY_PREFIX = "io.botfleet.exchange.";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationFiles.class);

    @Reference
    ConfigurationAdmin admin;
    @Reference
    MetaTypeService metaType;
    @Reference
    ServiceComponentRuntime components;

    private final Map<String, Checked> byPid = new ConcurrentHashMap<>();
    private ExecutorService worker;
    private BundleContext context;

    /** What one configuration's check found. */
    private record Checked(ExchangeRef account, List<UnknownKey> unknown) {
    }

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "botfleet-config-files");
            t.setDaemon(true);
            return t;
        });
        context.addBundleListener(this);
        worker.execute(this::examineAll);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
        worker.shutdownNow();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            worker.execute(() -> byPid.remove(pid));
        } else if (event.getType() == ConfigurationEvent.CM_UPDATED) {
            worker.execute(() -> examine(pid));
        }
    }

    /** A bundle with metatype or components came or went: what is known may have changed. */
    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED || event.getType() == BundleEvent.STOPPED) {
            worker.execute(this::examineAll);
        }
    }

    @Override
    public List<UnknownKey> forAccount(ExchangeRef account) {
        List<UnknownKey> out = new ArrayList<>();
        byPid.values().stream().filter(c -> account.equals(c.account())).forEach(c -> out.addAll(c.unknown()));
        out.sort(Comparator.comparing(UnknownKey::file).thenComparing(UnknownKey::key));
        return out;
    }

    @Override
    public List<UnknownKey> all() {
        List<UnknownKey> out = new ArrayList<>();
        byPid.values().forEach(c -> out.addAll(c.unknown()));
        out.sort(Comparator.comparing(UnknownKey::file).thenComparing(UnknownKey::key));
        return out;
    }

    // ------------------------------------------------------------------ worker thread

    private void examineAll() {
        try {
            Configuration[] all = admin.listConfigurations("(" + FILE + "=*)");
            for (Configuration c : all == null ? new Configuration[0] : all) {
                examine(c);
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.warn("could not list the configurations of etc/", e);
        }
    }

    private void examine(String pid) {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + escape(pid) + ")");
            if (found != null && found.length > 0) {
                examine(found[0]);
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.warn("could not read configuration {}", pid, e);
        }
    }

    private void examine(Configuration configuration) {
        Dictionary<String, Object> properties;
        try {
            properties = configuration.getProperties();
        } catch (IllegalStateException deleted) {
            return;
        }
        Object file = properties == null ? null : properties.get(FILE);
        if (file == null) {
            return; // not from etc/
        }
        String fileName = fileName(file.toString());
        Optional<FactoryName> meant = FactoryName.ofTildeFile(fileName);
        if (meant.isPresent() && !meant.get().matches(configuration)) {
            asFactoryConfiguration(configuration, properties, fileName, meant.get());
            return; // the new configuration's own event brings it back here
        }
        String factoryPid = configuration.getFactoryPid();
        String pid = configuration.getPid();
        Optional<KnownKeys> known = knownKeys(factoryPid != null ? factoryPid : pid);
        if (known.isEmpty()) {
            byPid.remove(pid);
            return; // no component describes this PID (yet): nothing to compare with
        }
        List<UnknownKey> unknown = known.get().unknown(fileName, properties);
        Checked checked = new Checked(account(factoryPid, pid, properties), List.copyOf(unknown));
        Checked before = byPid.put(pid, checked);
        if (before == null || !before.unknown().equals(checked.unknown())) {
            unknown.forEach(u -> LOG.warn("configuration {}", u.message()));
        }
    }

    private void asFactoryConfiguration(Configuration misread, Dictionary<String, Object> properties,
                                        String fileName, FactoryName meant) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!key.equals("service.pid") && !key.equals("service.factoryPid") && !key.equals("service.bundleLocation")) {
                copy.put(key, properties.get(key));
            }
        }
        try {
            byPid.remove(misread.getPid());
            misread.delete();
            admin.getFactoryConfiguration(meant.factoryPid(), meant.name(), "?").update(copy);
            LOG.info("{}: read as the factory configuration {}~{}", fileName, meant.factoryPid(), meant.name());
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: could not turn it into the factory configuration {}~{}; name the file {}-{}.cfg",
                    fileName, meant.factoryPid(), meant.name(), meant.factoryPid(), meant.name(), e);
        }
    }

    /** The metatype attributes and declared prefixes of the component reading {@code pid}, if any. */
    private Optional<KnownKeys> knownKeys(String pid) {
        Set<String> attributes = new HashSet<>();
        boolean described = false;
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            boolean has = Arrays.asList(info.getPids()).contains(pid)
                    || Arrays.asList(info.getFactoryPids()).contains(pid);
            if (!has) {
                continue;
            }
            ObjectClassDefinition ocd;
            try {
                ocd = info.getObjectClassDefinition(pid, null);
            } catch (IllegalArgumentException noSuchPid) {
                continue;
            }
            AttributeDefinition[] defs = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            for (AttributeDefinition def : defs == null ? new AttributeDefinition[0] : defs) {
                attributes.add(def.getID());
            }
            described = true;
        }
        return described ? Optional.of(new KnownKeys(attributes, prefixes(pid))) : Optional.empty();
    }

    /** {@value #KEY_PREFIXES} of the components configured by {@code pid}. */
    private Collection<String> prefixes(String pid) {
        List<String> out = new ArrayList<>();
        for (ComponentDescriptionDTO component : components.getComponentDescriptionDTOs()) {
            if (component.configurationPid == null || !Arrays.asList(component.configurationPid).contains(pid)) {
                continue;
            }
            Object declared = component.properties == null ? null : component.properties.get(KEY_PREFIXES);
            if (declared instanceof String[] many) {
                out.addAll(Arrays.asList(many));
            } else if (declared != null) {
                out.addAll(Arrays.asList(declared.toString().split("\\s*,\\s*")));
            }
        }
        return out;
    }

    /** The exchange account a configuration describes, or null if it is not one. */
    static ExchangeRef account(String factoryPid, String pid, Dictionary<String, Object> properties) {
        if (factoryPid == null || !factoryPid.startsWith(EXCHANGE_FACTORY_PREFIX)) {
            return null;
        }
        Object account = properties.get("account");
        String name = account != null && !account.toString().isBlank() ? account.toString().trim()
                : pid.substring(pid.lastIndexOf('~') + 1);
        try {
            return new ExchangeRef(factoryPid.substring(EXCHANGE_FACTORY_PREFIX.length()), name);
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    static String fileName(String file) {
        String path = file.replace('\\', '/');
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
