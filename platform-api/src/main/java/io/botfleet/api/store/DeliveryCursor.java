package io.botfleet.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How far one notification target got through the outbox. Survives restarts: a sender resumes
 * after {@code lastSeq}, so delivered messages are never resent.
 *
 * @param target          the target's name
 * @param lastSeq         the last outbox message settled (delivered, failed or not for this target)
 * @param delivered       messages delivered since the target first appeared
 * @param failed          messages given up on (retried for their whole delivery window)
 * @param lastDeliveredAt when the last delivery succeeded, or null
 * @param lastError       the last delivery error, or null
 */
public record DeliveryCursor(String target, long lastSeq, long delivered, long failed, Instant lastDeliveredAt,
                             String lastError) {

    public DeliveryCursor {
        Objects.requireNonNull(target, "target");
    }
}
