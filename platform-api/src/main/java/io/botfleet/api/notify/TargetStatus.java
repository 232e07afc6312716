package io.botfleet.api.notify;

import java.time.Instant;
import java.util.List;

/**
 * A notification target as operators see it: never its secret, nor a URL read from a secret.
 *
 * @param name            its configuration name
 * @param format          json, slack, discord or telegram
 * @param events          the types it receives
 * @param bots            the glob of bot ids it receives
 * @param state           OK, RETRYING (the head message failed, retries go on) or FAILING (several
 *                        attempts in a row failed, or messages were given up on since the last delivery)
 * @param backlog         messages waiting for it
 * @param delivered       messages delivered
 * @param failed          messages given up on
 * @param lastDeliveredAt when the last delivery succeeded, or null
 * @param lastError       the last delivery error, or null
 * @param warnings        configuration warnings (unknown keys)
 */
public record TargetStatus(String name, String format, List<String> events, String bots, State state, long backlog,
                           long delivered, long failed, Instant lastDeliveredAt, String lastError,
                           List<String> warnings) {

    /** Delivery health. */
    public enum State { OK, RETRYING, FAILING }
}
