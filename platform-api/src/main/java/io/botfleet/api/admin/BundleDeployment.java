package io.botfleet.api.admin;

import io.botfleet.api.bot.BotNotFoundException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Strategy and adapter bundles: what is installed, deploying a jar (validated completely before
 * anything changes) and uninstalling one (its jar stays in the artifact store for rollbacks).
 */
@ProviderType
public interface BundleDeployment {

    /** The installed strategy and adapter bundles. */
    List<InstalledBundle> list();

    /** @throws BundleRefusedException with the reason; nothing changed */
    Deployed deploy(byte[] jar);

    /** @throws BotNotFoundException when no such bundle is installed */
    void uninstall(String symbolicName, String version);

    /** An installed strategy or adapter bundle. */
    record InstalledBundle(String symbolicName, String version, long bundleId, String state, String sha256,
                           List<StrategyDeclaration> strategies) {
    }

    /** A strategy a bundle provides: its {@code strategy.id} and {@code strategy.version}. */
    record StrategyDeclaration(String id, String version) {
    }

    /**
     * @param bundle     what is installed now
     * @param newlyAdded false when the same jar was already installed (nothing changed)
     */
    record Deployed(InstalledBundle bundle, boolean newlyAdded) {
    }
}
