package io.botfleet.api.notify;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Notifies an event recorded outside the bots' journal (a halt, a finished backtest): the message
 * is written to the outbox at once (call it right after the state change is stored) and delivered
 * to the subscribed targets later, never by the caller's thread.
 */
@ProviderType
public interface NotificationPublisher {

    /**
     * @param type    one of {@link NotificationTypes#ALL}
     * @param botId   the bot concerned, or null for a fleet- or account-wide event
     * @param message what happened, for operators
     * @param data    details (plain JSON values: strings, numbers, booleans, lists, maps); may hold
     *                {@code exchange} and {@code account}
     */
    void publish(String type, String botId, String message, Map<String, Object> data);
}
