package io.botfleet.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The notification outbox: events to notify, kept in the database until every target has settled
 * them. The journal writes the bots' events and fills here in the transaction that records them;
 * {@link #append} is for events recorded elsewhere (halts, backtests), written right after them.
 * Synchronous and thread-safe; never call it from a bot's hot path.
 */
@ProviderType
public interface NotificationOutbox {

    /** Appends a message; returns it with its sequence number and delivery id. */
    OutboxMessage append(String type, Instant time, String botId, String message, Map<String, Object> data);

    /** Messages after {@code seq}, oldest first, at most {@code limit}. */
    List<OutboxMessage> after(long seq, int limit);

    /**
     * How many messages after {@code seq} there are per type and bot (a null bot: fleet-wide), for
     * a target's backlog: cheap, whatever the outbox holds.
     */
    List<OutboxCount> countAfter(long seq);

    /** The sequence number of the newest message, or 0 when the outbox is empty. */
    long lastSeq();

    Optional<DeliveryCursor> cursor(String target);

    /** Stores a target's progress, replacing what it had. */
    void saveCursor(DeliveryCursor cursor);

    /** Deletes messages written before {@code time}; returns how many. */
    int prune(Instant time);
}
