package io.botfleet.runtime.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * The keys a component reads from its configuration: the attributes of its metatype
 * ({@code @ObjectClassDefinition}) plus key prefixes it declares for open-ended families
 * ({@code balance.<COIN>}), and the keys ConfigAdmin and FileInstall add themselves.
 */
final class KnownKeys {

    /** Keys every configuration may carry without its component reading them. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "felix.fileinstall.filename", "component.name", "component.id",
            "service.ranking", "service.description", "service.vendor");

    private final Collection<String> attributes;
    private final Collection<String> prefixes;

    KnownKeys(Collection<String> attributes, Collection<String> prefixes) {
        this.attributes = attributes;
        this.prefixes = prefixes;
    }

    boolean knows(String key) {
        if (attributes.contains(key) || FRAMEWORK_KEYS.contains(key) || key.startsWith(".")) {
            return true;
        }
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The unknown keys of one file's properties, each with the known key it most resembles. */
    List<UnknownKey> unknown(String file, Dictionary<String, ?> properties) {
        List<UnknownKey> out = new ArrayList<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!knows(key)) {
                out.add(new UnknownKey(file, key, ClosestKey.among(key, attributes).orElse(null)));
            }
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }
}
