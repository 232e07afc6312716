package io.botfleet.api.store;

import io.botfleet.api.bot.Halt;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The active halts (kill switches), one per scope. Synchronous, thread-safe; a halt is durable
 * once {@link #put} returns.
 */
@ProviderType
public interface HaltStore {

    /** Every active halt, oldest first. */
    List<Halt> list();

    /** Stores {@code halt}, replacing the one of the same scope. */
    void put(Halt halt);

    /**
     * Removes the halt of exactly this scope (null exchange: the whole fleet; null account: every
     * account of the exchange).
     *
     * @return false when there was none
     */
    boolean remove(String exchange, String account);
}
