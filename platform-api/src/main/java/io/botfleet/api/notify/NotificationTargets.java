package io.botfleet.api.notify;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The configured notification targets, as the control API shows and tries them. */
@ProviderType
public interface NotificationTargets {

    /** Every target, by name. */
    List<TargetStatus> list();

    /**
     * Sends a test message to target {@code name} now, outside its queue, and waits for the outcome.
     *
     * @return empty when there is no such target
     */
    Optional<TestOutcome> test(String name);
}
