package io.botfleet.api.store;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.DesiredState;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Bot configurations and desired states. Synchronous (control path, never a bot's thread);
 * thread-safe. Failures throw {@link StoreException}.
 */
@ProviderType
public interface BotStore {

    /** @throws StoreConflictException when a live bot with this id exists */
    StoredBot create(BotConfig config, DesiredState desiredState);

    /**
     * Replaces the configuration if the row is still at {@code expectedVersion}.
     *
     * @throws StoreConflictException when another update came first
     */
    StoredBot update(BotConfig config, long expectedVersion);

    /** Records what the operator asked for. Returns the updated row, or empty for an unknown id. */
    Optional<StoredBot> setDesiredState(String id, DesiredState desiredState);

    Optional<StoredBot> find(String id);

    /** Every bot not deleted, ordered by id; invalid ones included with their reason. */
    List<StoredBot> list();

    /** Deletes the bot row; its orders, fills, events and deployments are kept. */
    boolean delete(String id);
}
