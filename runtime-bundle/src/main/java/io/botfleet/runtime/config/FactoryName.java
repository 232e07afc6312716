package io.botfleet.runtime.config;

import java.util.Optional;
import org.osgi.service.cm.Configuration;

/**
 * The named factory configuration a file {@code <factoryPid>~<name>.cfg} stands for. Only names
 * FileInstall 3.7.4 misreads qualify: no {@code -} before the {@code ~} (FileInstall splits
 * {@code <factoryPid>-<name>} at the first {@code -} itself).
 */
record FactoryName(String factoryPid, String name) {

    static Optional<FactoryName> ofTildeFile(String fileName) {
        String base = fileName.replaceFirst("\\.(cfg|config)$", "");
        if (base.equals(fileName)) {
            return Optional.empty();
        }
        int tilde = base.indexOf('~');
        if (tilde <= 0 || tilde == base.length() - 1 || base.lastIndexOf('-', tilde) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new FactoryName(base.substring(0, tilde), base.substring(tilde + 1)));
    }

    /** True when {@code configuration} already is this factory configuration. */
    boolean matches(Configuration configuration) {
        return factoryPid.equals(configuration.getFactoryPid())
                && (factoryPid + "~" + name).equals(configuration.getPid());
    }
}
