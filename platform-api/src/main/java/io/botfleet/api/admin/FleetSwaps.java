package io.botfleet.api.admin;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Swaps every bot running one strategy version to another in one operation. */
@ProviderType
public interface FleetSwaps {

    /**
     * Each bot swaps in its own mailbox, side by side; one refusal does not stop the others.
     *
     * @return one outcome per bot that ran {@code strategyId@fromVersion}; empty when none did
     */
    List<Outcome> swapAll(String strategyId, String fromVersion, String toVersion, boolean force, String actor);

    /** @param botId the bot; @param error why its swap was refused, or null when it succeeded */
    record Outcome(String botId, String error) {
    }
}
