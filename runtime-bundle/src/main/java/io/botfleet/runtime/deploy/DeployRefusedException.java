package io.botfleet.runtime.deploy;

import io.botfleet.api.admin.BundleRefusedException;

/**
 * A bundle is not acceptable (HTTP 422): not a bundle, unsigned or tampered when signatures are
 * required, unresolvable, providing no strategy or adapter, or clashing with an installed one.
 * The message says which; the framework is unchanged.
 */
public class DeployRefusedException extends BundleRefusedException {

    private static final long serialVersionUID = 1L;

    public DeployRefusedException(String message) {
        super(message);
    }
}
