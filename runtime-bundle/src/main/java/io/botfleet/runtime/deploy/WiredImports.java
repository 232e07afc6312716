package io.botfleet.runtime.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * What a deployed bundle may be wired to. Strategies and adapters meet the platform only through
 * its versioned API: every package they import must come from the API bundle or from the framework
 * itself (the system bundle: the JDK's packages and {@code org.osgi.framework}). A package that
 * another bundle happens to export (the server's Jackson, its logging, an engine package) would tie
 * the bundle to an implementation detail that an upgrade of the platform may remove or change, and
 * would pin that bundle's class space under every swap. Checked on the resolver's real wiring, so
 * what counts is where each package comes from, not how the header spells it.
 */
final class WiredImports {

    private final String apiBundle;

    /** @param apiBundle symbolic name of the bundle exporting {@code io.botfleet.api.*} */
    WiredImports(String apiBundle) {
        this.apiBundle = apiBundle;
    }

    /** Why a resolved bundle may not be deployed, or empty when its every import is allowed. */
    Optional<String> refusal(Bundle bundle) {
        if (bundle.getHeaders("").get(Constants.DYNAMICIMPORT_PACKAGE) != null) {
            return Optional.of("DynamicImport-Package is not allowed: " + RULE);
        }
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (!wiring.getRequiredWires(BundleNamespace.BUNDLE_NAMESPACE).isEmpty()) {
            return Optional.of("Require-Bundle is not allowed: " + RULE);
        }
        List<String> foreign = new ArrayList<>();
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            Bundle provider = wire.getProvider().getBundle();
            if (provider.getBundleId() != 0 && !apiBundle.equals(provider.getSymbolicName())) {
                foreign.add(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)
                        + " (from " + provider.getSymbolicName() + " " + provider.getVersion() + ")");
            }
        }
        return foreign.isEmpty() ? Optional.empty()
                : Optional.of("it imports " + String.join(", ", foreign) + ": " + RULE);
    }

    private static final String RULE = "a deployed bundle may import only the platform's API (io.botfleet.api.*) and"
            + " what the framework itself exports (the JDK, org.osgi.framework); embed any other library privately";
}
