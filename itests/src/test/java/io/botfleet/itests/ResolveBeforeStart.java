package io.botfleet.itests;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Does in the test container what the distribution's launcher does before any bundle starts:
 * resolve every installed bundle in one pass. Started alone at a start level between the boot
 * bundles and the others, so that no bundle resolves while the start-level thread starts it (see
 * the launcher's {@code BundleFolderInstaller}: a resolve racing a dynamic import made Felix
 * interrupt the start-level thread and leave a bundle unstarted).
 */
public final class ResolveBeforeStart implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class).resolveBundles(null);
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to undo
    }
}
