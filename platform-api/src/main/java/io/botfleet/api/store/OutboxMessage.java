package io.botfleet.api.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One notification waiting in the outbox, in the order it was written.
 *
 * @param seq        its position in the outbox; senders deliver in this order
 * @param deliveryId a stable id receivers dedupe on (the same on every retry)
 * @param type       the notification type ({@code fill}, {@code lifecycle}, ...)
 * @param time       when the event happened
 * @param botId      the bot it concerns, or null (a fleet-wide event)
 * @param message    what happened, for operators
 * @param data       details (plain JSON values)
 * @param writtenAt  when the server wrote it to the outbox (its delivery window starts then: a
 *                   paper fill's {@code time} is the replayed market's)
 */
public record OutboxMessage(long seq, String deliveryId, String type, Instant time, String botId,
                            String message, Map<String, Object> data, Instant writtenAt) {

    public OutboxMessage {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(writtenAt, "writtenAt");
        message = message == null ? "" : message;
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
